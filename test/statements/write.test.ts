import t from 'tap';
import { DEFAULT_SCHEMA_DIR } from '../../src/catair/catalog.js';
import { decodeRecords } from '../../src/catair/decode.js';
import type { Statement, StatementEntry } from '../../src/statements/statement.js';
import { statementNumber } from '../../src/statements/statement-number.js';
import { writeStatement, writeStatementBlock } from '../../src/statements/write.js';
import { sharedCatalog } from '../helpers/mock.js';

/**
 * Daily statements written by src/statements/write.ts, against records placed by hand at the
 * positions of CATAIR Daily Statement (April 2025), not through ace-mock's layouts: Q1 p. 10-11,
 * Q2 p. 13-14, QA p. 15-16, Q3 p. 17-18, Q4 p. 19, QE p. 20-21, Q5 p. 22-23, Q6 p. 24, QJ p. 26-27,
 * Q7 p. 28-30; the B record B&B-25..26, the Y record B&B-28. Amounts: 11 digits, two implied
 * decimals, the first digit 0 (note 1).
 */
const catalog = sharedCatalog(DEFAULT_SCHEMA_DIR);

/** An 80-column record: the record id, then each text at its 1-based start column. */
function at(id: string, fields: Readonly<Record<number, string>>): string {
  const chars = [...id.padEnd(80)];
  for (const [start, text] of Object.entries(fields)) [...text].forEach((c, i) => (chars[Number(start) - 1 + i] = c));
  return chars.join('');
}

/** An 11N amount of cents. */
const n11 = (cents: number): string => String(cents).padStart(11, '0');
const ZERO = n11(0);

const PRINT_DATE = '2026-11-30';
const MMDDYY = '113026';
const NUMBER = '2727334001';

/** Entry numbers of this file's serial range, 0530001-0530030, with the check digit for B76 (appendix E). */
const E1 = '05300014';
const E2 = '05300022';
const DELETED = ['05300030', '05300048', '05300055', '05300063', '05300071'];

function entry(entryNumber: string, changes: Partial<StatementEntry> = {}): StatementEntry {
  return {
    port: '2704',
    processingPort: '2704',
    filer: 'B76',
    entryNumber,
    entryType: '01',
    importer: '12-3456789AB',
    brokerReference: '',
    printDate: PRINT_DATE,
    paymentType: '2',
    clientBranch: '',
    consolidated: false,
    dutyCents: 0,
    taxCents: 0,
    taxDeferred: false,
    antidumpingCents: 0,
    antidumpingDue: true,
    countervailingCents: 0,
    countervailingDue: true,
    reconciliationInterestCents: 0,
    teamNumber: '',
    fees: [],
    ...changes,
  };
}

const grouping = { processingPort: '2704', filer: 'B76', printDate: PRINT_DATE, paymentType: '2', importer: '', clientBranch: '' } as const;

/** $1,234.56 duty, MPF $34.64 and HMF $1.54: $1,270.74 due. */
const DUTIABLE = entry(E1, {
  brokerReference: 'REF000001',
  dutyCents: 123456,
  fees: [
    { classCode: '501', cents: 154 },
    { classCode: '499', cents: 3464 },
  ],
});
/** $50.00 duty, $10.00 tax deferred, $20.00 AD covered by bond: $50.00 due. */
const DEFERRED_AND_BONDED = entry(E2, { dutyCents: 5000, taxCents: 1000, taxDeferred: true, antidumpingCents: 2000, antidumpingDue: false, consolidated: true });

t.test('statement numbers are DDFYJJJXXX: district, federal fiscal year, day of the year, sequence (p. 8)', async (t) => {
  t.equal(statementNumber('2704', '2026-11-30', 1), '2727334001', 'November: the fiscal year that began on 1 October 2026 is FY 27');
  t.equal(statementNumber('2704', '2026-09-30', 12), '2726273012', 'the last day of FY 26');
  t.equal(statementNumber('3801', '2024-12-31', 999), '3825366999', 'a leap year has a day 366');
  t.equal(statementNumber('0101', '2027-01-01', 7), '0127001007');
  t.throws(() => statementNumber('2704', '2026-02-30', 1), RangeError, 'no such day');
  t.throws(() => statementNumber('2704', '2026-11-30', 1000), RangeError, 'p. 28 lets the sequence turn alphanumeric without saying how');
  t.throws(() => statementNumber('27', '2026-11-30', 1), RangeError);
});

t.test('a preliminary statement: Q1, Q2, QA per summary, then Q3, Q4, QE (p. 9)', async (t) => {
  const statement: Statement = { ...grouping, number: NUMBER, kind: 'preliminary', entries: [DUTIABLE] };
  t.same(writeStatement(catalog, statement), [
    at('Q1', { 3: '2704', 7: 'B76', 12: E1, 22: '12-3456789AB', 34: MMDDYY, 40: n11(123456), 51: ZERO, 62: 'N', 63: 'REF000001', 78: '01' }),
    at('Q2', { 3: '2704', 7: 'B76', 12: E1, 21: ZERO, 32: ZERO, 54: '2', 55: 'Y', 65: '00000000' }),
    at('QA', { 3: '01', 5: '499', 8: n11(3464), 19: '501', 22: n11(154) }),
    at('Q3', { 3: NUMBER, 15: MMDDYY, 21: 'B76', 38: n11(123456), 49: ZERO, 60: ZERO, 71: '2704' }),
    at('Q4', { 3: ZERO, 14: ZERO, 25: n11(127074), 36: ZERO, 47: '00001', 52: '00000' }),
    at('QE', { 3: '01', 5: '499', 8: n11(3464), 19: '501', 22: n11(154) }),
  ]);
});

t.test('fees fill five to a QA record, numbered from 01; their totals likewise in QE (p. 15, p. 20)', async (t) => {
  const classes = ['125', '053', '054', '055', '056', '079', '499'];
  const many = entry(E1, { fees: classes.map((classCode, i) => ({ classCode, cents: 100 * (i + 1) })) });
  const cents = (code: string): string => n11(100 * (classes.indexOf(code) + 1));
  const qa = (id: string) => [
    at(id, { 3: '01', 5: '053', 8: cents('053'), 19: '054', 22: cents('054'), 33: '055', 36: cents('055'), 47: '056', 50: cents('056'), 61: '079', 64: cents('079') }),
    at(id, { 3: '02', 5: '125', 8: cents('125'), 19: '499', 22: cents('499') }),
  ];
  const records = writeStatement(catalog, { ...grouping, number: NUMBER, kind: 'preliminary', entries: [many] });
  t.same(records.filter((r) => r.startsWith('QA')), qa('QA'));
  t.same(records.filter((r) => r.startsWith('QE')), qa('QE'));
  const tooMany = entry(E1, { fees: Array.from({ length: 26 }, (_, i) => ({ classCode: String(i).padStart(3, '0'), cents: 1 })) });
  t.throws(() => writeStatement(catalog, { ...grouping, number: NUMBER, kind: 'preliminary', entries: [tooMany] }), RangeError, 'at most five QA records (p. 9)');
});

t.test('deferred tax and bonded AD duty are shown but not due (p. 11, p. 14, p. 32); consolidation is C (p. 11)', async (t) => {
  const records = writeStatement(catalog, { ...grouping, number: NUMBER, kind: 'preliminary', entries: [DEFERRED_AND_BONDED] });
  t.same(records, [
    at('Q1', { 3: '2704', 7: 'B76', 12: E2, 22: '12-3456789AB', 34: MMDDYY, 40: n11(5000), 51: n11(1000), 62: 'Y', 72: 'C', 78: '01' }),
    at('Q2', { 3: '2704', 7: 'B76', 12: E2, 21: n11(2000), 32: ZERO, 54: '2', 55: 'Y', 57: 'N', 65: '00000000' }),
    at('Q3', { 3: NUMBER, 15: MMDDYY, 21: 'B76', 38: n11(5000), 49: n11(1000), 60: n11(1000), 71: '2704' }),
    at('Q4', { 3: ZERO, 14: ZERO, 25: n11(5000), 36: ZERO, 47: '00001', 52: '00000' }),
  ]);
});

t.test('warehouse and TIB summaries add only their HMF to the totals, re-warehouse nothing (p. 8)', async (t) => {
  const fees = [
    { classCode: '499', cents: 300 },
    { classCode: '501', cents: 100 },
  ];
  const warehouse = entry(E1, { entryType: '21', dutyCents: 500, fees });
  const rewarehouse = entry(E2, { entryType: '22', dutyCents: 500, fees });
  const records = writeStatement(catalog, { ...grouping, number: NUMBER, kind: 'preliminary', entries: [rewarehouse, warehouse] });
  const qa = at('QA', { 3: '01', 5: '499', 8: n11(300), 19: '501', 22: n11(100) });
  t.same(records, [
    at('Q1', { 3: '2704', 7: 'B76', 12: E1, 22: '12-3456789AB', 34: MMDDYY, 40: n11(500), 51: ZERO, 62: 'N', 78: '21' }),
    at('Q2', { 3: '2704', 7: 'B76', 12: E1, 21: ZERO, 32: ZERO, 54: '2', 55: 'Y', 65: '00000000' }),
    qa,
    at('Q1', { 3: '2704', 7: 'B76', 12: E2, 22: '12-3456789AB', 34: MMDDYY, 40: n11(500), 51: ZERO, 62: 'N', 78: '22' }),
    at('Q2', { 3: '2704', 7: 'B76', 12: E2, 21: ZERO, 32: ZERO, 54: '2', 55: 'N', 65: '00000000' }),
    qa,
    at('Q3', { 3: NUMBER, 15: MMDDYY, 21: 'B76', 38: ZERO, 49: ZERO, 60: ZERO, 71: '2704' }),
    at('Q4', { 3: ZERO, 14: ZERO, 25: n11(100), 36: ZERO, 47: '00001', 52: '00001' }),
    at('QE', { 3: '01', 5: '501', 8: n11(100) }),
  ], 'the details show what was filed; the summaries are listed by entry number');
});

t.test('a final statement repeats the preliminary totals, adds the paid ones and lists deletions four to a Q7 (p. 7, p. 22-30)', async (t) => {
  const deleted = DELETED.map((n, i) => ({ entry: entry(n, { dutyCents: 1000 }), source: i % 2 === 0 ? 'ABI' : 'CBP' }));
  const statement: Statement = { ...grouping, number: NUMBER, kind: 'final', entries: [DEFERRED_AND_BONDED, DUTIABLE], deleted };
  const fees = { 3: '01', 5: '499', 8: n11(3464), 19: '501', 22: n11(154) };
  t.same(writeStatement(catalog, statement).slice(5), [
    at('Q3', { 3: NUMBER, 15: MMDDYY, 21: 'B76', 38: n11(123456 + 5000 + 5 * 1000), 49: n11(1000), 60: n11(1000), 71: '2704' }),
    at('Q4', { 3: ZERO, 14: ZERO, 25: n11(127074 + 5000 + 5 * 1000), 36: ZERO, 47: '00007', 52: '00000' }),
    at('QE', fees),
    at('Q5', { 3: NUMBER, 15: MMDDYY, 21: 'B76', 38: n11(123456 + 5000), 49: n11(1000), 60: n11(1000), 71: '2704' }),
    at('Q6', { 3: ZERO, 14: ZERO, 25: n11(127074 + 5000), 36: ZERO, 47: '00002', 52: '00000' }),
    at('QJ', fees),
    at('Q7', { 3: NUMBER, 13: 'B76', 18: DELETED[0] as string, 26: 'ABI', 29: 'B76', 34: DELETED[1] as string, 42: 'CBP', 45: 'B76', 50: DELETED[2] as string, 58: 'ABI', 61: 'B76', 66: DELETED[3] as string, 74: 'CBP' }),
    at('Q7', { 3: NUMBER, 13: 'B76', 18: DELETED[4] as string, 26: 'ABI' }),
  ], 'after the details of the two summaries left (Q1, Q2, QA of the first; Q1, Q2 of the second)');
});

t.test('the block: a B record with the statement status, number, date, type, importer and branch; a Y counting the Q records (B&B-25..28)', async (t) => {
  const importerStatement: Statement = { ...grouping, paymentType: '3', importer: '12-3456789AB', clientBranch: 'NY', number: NUMBER, kind: 'preliminary', entries: [DUTIABLE] };
  const block = writeStatementBlock(catalog, importerStatement);
  t.equal(block[0], at('B', { 4: '2704', 8: 'B76', 11: 'PF', 13: 'P', 14: NUMBER, 24: MMDDYY, 30: '3', 31: '12-3456789AB', 43: 'NY' }));
  t.equal(block[4], at('Q3', { 3: NUMBER, 15: MMDDYY, 21: 'B76', 26: '12-3456789AB', 38: n11(123456), 49: ZERO, 60: ZERO, 71: '2704' }), 'Q3 names the importer of an importer statement');
  t.equal(block.at(-1), at('Y', { 4: '2704', 8: 'B76', 11: 'PF', 13: '00006' }));
  t.equal(block.length, 8);
  const final = writeStatementBlock(catalog, { ...grouping, number: NUMBER, kind: 'final', entries: [DUTIABLE], deleted: [] });
  t.equal(final[0], at('B', { 4: '2704', 8: 'B76', 11: 'PF', 13: 'F', 14: NUMBER, 24: MMDDYY, 30: '2' }));
  t.same(
    decodeRecords(catalog, block, 'out').map((d) => d.layout),
    ['PF.B', 'Q1', 'Q2', 'QA', 'Q3', 'Q4', 'QE', 'Y.out'],
    'a statement block decodes with the PF layouts (the console shows it field by field)',
  );
});

t.test('amounts beyond the ten digits ACE fills are refused (note 1)', async (t) => {
  const huge = entry(E1, { dutyCents: 10 ** 10 });
  t.throws(() => writeStatement(catalog, { ...grouping, number: NUMBER, kind: 'preliminary', entries: [huge] }), RangeError);
  const fits = entry(E1, { dutyCents: 10 ** 10 - 1 });
  t.match(writeStatement(catalog, { ...grouping, number: NUMBER, kind: 'preliminary', entries: [fits] })[0], /^.{39}09999999999/);
});
