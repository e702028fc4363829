import { mmddyy, writeOutputY } from '../catair/batch-output.js';
import type { Catalog } from '../catair/catalog.js';
import { writeRecord } from '../catair/record.js';
import type { Statement, StatementEntry, StatementFee } from './statement.js';

/** The output application of daily statements (p. 7). */
const PF = 'PF';
/** Fees a QA, QE or QJ record holds (p. 15), and how many of those records a group may have (p. 9). */
const FEES_PER_RECORD = 5;
const FEE_RECORDS = 5;
/** Deleted summaries a Q7 record holds (p. 28-30). */
const DELETIONS_PER_RECORD = 4;
/** Digits of an amount ACE fills: 11N fields whose first digit is always 0 (note 1, p. 12 ff.). */
const AMOUNT_DIGITS = 10;
/** Digits of the Q2 reconciliation interest (8N, p. 14). */
const INTEREST_DIGITS = 8;

/**
 * The records of a daily statement in the order of the structure map (p. 9): for each summary its
 * Q1, Q2 and QA records; Q3, Q4 and QE with the preliminary totals; on the final statement Q5, Q6
 * and QJ with the final totals, then the Q7 records of the summaries deleted after the preliminary
 * statement. The final statement repeats the preliminary totals, deleted summaries included (p. 7,
 * p. 17). Summaries are listed by port of entry (p. 32: a statement prints each port of entry apart),
 * then entry number.
 */
export function writeStatement(catalog: Catalog, statement: Statement): string[] {
  const entries = [...statement.entries].sort(byPortAndEntry);
  const out = entries.flatMap((entry) => writeDetails(catalog, entry));
  if (statement.kind === 'preliminary') {
    out.push(...writeTotals(catalog, statement, entries, ['Q3', 'Q4', 'QE']));
    return out;
  }
  const preliminary = [...entries, ...statement.deleted.map((d) => d.entry)];
  out.push(...writeTotals(catalog, statement, preliminary, ['Q3', 'Q4', 'QE']));
  out.push(...writeTotals(catalog, statement, entries, ['Q5', 'Q6', 'QJ']));
  for (let at = 0; at < statement.deleted.length; at += DELETIONS_PER_RECORD) {
    const values: Record<string, string> = { statementNumber: statement.number };
    statement.deleted.slice(at, at + DELETIONS_PER_RECORD).forEach(({ entry, source }, i) => {
      values[`entryFiler${i + 1}`] = entry.filer;
      values[`entryNumber${i + 1}`] = entry.entryNumber;
      values[`deleteSource${i + 1}`] = source;
    });
    out.push(writeRecord(catalog.layout('Q7'), values));
  }
  return out;
}

/**
 * A statement as the block ACE sends it: its B record, which carries the statement's status, number,
 * print date, payment type, importer and client branch (B&B-25..26 note 4), the Q records and the Y
 * record counting them (B&B-28). Wrap it with wrapUnsolicited() for the A and Z.
 */
export function writeStatementBlock(catalog: Catalog, statement: Statement): string[] {
  const b = writeRecord(catalog.layout('PF.B'), {
    port: statement.processingPort,
    filer: statement.filer,
    applicationId: PF,
    statementStatus: statement.kind === 'preliminary' ? 'P' : 'F',
    statementNumber: statement.number,
    printDate: day(statement.printDate),
    paymentType: statement.paymentType,
    importerNumber: statement.importer,
    clientBranch: statement.clientBranch,
  });
  const records = writeStatement(catalog, statement);
  return [b, ...records, writeOutputY(catalog, b, PF, records.length)];
}

/** Q1, Q2 and the QA records of one summary (p. 10-16). */
function writeDetails(catalog: Catalog, entry: StatementEntry): string[] {
  const identity = { port: entry.port, entryFiler: entry.filer, entryNumber: entry.entryNumber };
  const q1 = writeRecord(catalog.layout('Q1'), {
    ...identity,
    importerNumber: entry.importer,
    printDate: day(entry.printDate),
    estimatedDuty: amount(entry.dutyCents),
    estimatedTax: amount(entry.taxCents),
    deferredTax: yesNo(entry.taxDeferred),
    brokerReference: entry.brokerReference,
    consolidated: entry.consolidated ? 'C' : '',
    clientBranch: entry.clientBranch,
    entryType: entry.entryType,
  });
  const q2 = writeRecord(catalog.layout('Q2'), {
    ...identity,
    antidumpingDuty: amount(entry.antidumpingCents),
    countervailingDuty: amount(entry.countervailingCents),
    paymentType: entry.paymentType,
    payIndicator: yesNo(counted(catalog, entry).dueCents > 0),
    countervailingIndicator: entry.countervailingCents > 0 ? yesNo(entry.countervailingDue) : '',
    antidumpingIndicator: entry.antidumpingCents > 0 ? yesNo(entry.antidumpingDue) : '',
    teamNumber: entry.teamNumber,
    reconciliationInterest: amount(entry.reconciliationInterestCents, INTEREST_DIGITS),
  });
  return [q1, q2, ...writeFees(catalog, 'QA', entry.fees)];
}

/** The totals records of a statement over the given summaries: Q3, Q4, QE or Q5, Q6, QJ (p. 17-27). */
function writeTotals(catalog: Catalog, statement: Statement, entries: readonly StatementEntry[], [head, sums, fees]: readonly [string, string, string]): string[] {
  const t = totals(catalog, entries);
  return [
    writeRecord(catalog.layout(head), {
      statementNumber: statement.number,
      printDate: day(statement.printDate),
      entryFiler: statement.filer,
      importerNumber: statement.importer,
      totalDuty: amount(t.dutyCents),
      totalTax: amount(t.taxCents),
      totalDeferredTax: amount(t.deferredTaxCents),
      processingPort: statement.processingPort,
    }),
    writeRecord(catalog.layout(sums), {
      totalAntidumping: amount(t.antidumpingCents),
      totalCountervailing: amount(t.countervailingCents),
      totalAmount: amount(t.dueCents),
      totalInterest: amount(t.interestCents),
      revenueEntries: t.revenueEntries,
      nonRevenueEntries: t.nonRevenueEntries,
    }),
    ...writeFees(catalog, fees, t.fees),
  ];
}

/**
 * QA, QE or QJ records: five fees each, numbered from 01, at most five records (p. 9, p. 15). Fees
 * are listed by class code.
 */
function writeFees(catalog: Catalog, layout: string, fees: readonly StatementFee[]): string[] {
  if (fees.length > FEES_PER_RECORD * FEE_RECORDS) {
    throw new RangeError(`${fees.length} fee classes do not fit in ${FEE_RECORDS} ${layout} records of ${FEES_PER_RECORD}`);
  }
  const sorted = [...fees].sort((a, b) => a.classCode.localeCompare(b.classCode));
  const out: string[] = [];
  for (let at = 0; at < sorted.length; at += FEES_PER_RECORD) {
    const values: Record<string, string | number> = { sequence: out.length + 1 };
    sorted.slice(at, at + FEES_PER_RECORD).forEach((fee, i) => {
      values[`feeClass${i + 1}`] = fee.classCode;
      values[`feeAmount${i + 1}`] = amount(fee.cents);
    });
    out.push(writeRecord(catalog.layout(layout), values));
  }
  return out;
}

/** What a summary adds to a statement's totals. */
interface Counted {
  readonly dutyCents: number;
  readonly taxCents: number;
  readonly deferredTaxCents: number;
  readonly antidumpingCents: number;
  readonly countervailingCents: number;
  readonly interestCents: number;
  readonly fees: readonly StatementFee[];
  readonly dueCents: number;
}

/**
 * The amounts of a summary that count towards the statement's totals. Warehouse, re-warehouse and TIB
 * summaries add only what is due when the statement is produced (p. 8: the entry type's
 * statementTotals in schemas/codes/entry-types.yaml). The amount due is the duty, the tax unless
 * deferred, the AD and CV duty unless covered by bond, the fees and the interest (p. 32, Total
 * Amount). A summary with nothing due is not revenue producing, and its Q2 pay indicator is N (p. 14).
 */
function counted(catalog: Catalog, entry: StatementEntry): Counted {
  const only = catalog.codes('entry-types').get(entry.entryType)?.['statementTotals'];
  const limited = Array.isArray(only);
  const kept = (cents: number): number => (limited ? 0 : cents);
  const fees = limited ? entry.fees.filter((f) => only.includes(f.classCode)) : entry.fees;
  const dutyCents = kept(entry.dutyCents);
  const taxCents = kept(entry.taxCents);
  const deferredTaxCents = entry.taxDeferred ? taxCents : 0;
  const antidumpingCents = entry.antidumpingDue ? kept(entry.antidumpingCents) : 0;
  const countervailingCents = entry.countervailingDue ? kept(entry.countervailingCents) : 0;
  const interestCents = kept(entry.reconciliationInterestCents);
  const feeCents = fees.reduce((sum, f) => sum + f.cents, 0);
  return {
    dutyCents,
    taxCents,
    deferredTaxCents,
    antidumpingCents,
    countervailingCents,
    interestCents,
    fees,
    dueCents: dutyCents + taxCents - deferredTaxCents + antidumpingCents + countervailingCents + interestCents + feeCents,
  };
}

interface Totals extends Counted {
  readonly revenueEntries: number;
  readonly nonRevenueEntries: number;
}

function totals(catalog: Catalog, entries: readonly StatementEntry[]): Totals {
  const each = entries.map((e) => counted(catalog, e));
  const sum = (pick: (c: Counted) => number): number => each.reduce((s, c) => s + pick(c), 0);
  const byClass = new Map<string, number>();
  for (const fee of each.flatMap((c) => c.fees)) byClass.set(fee.classCode, (byClass.get(fee.classCode) ?? 0) + fee.cents);
  const revenueEntries = each.filter((c) => c.dueCents > 0).length;
  return {
    dutyCents: sum((c) => c.dutyCents),
    taxCents: sum((c) => c.taxCents),
    deferredTaxCents: sum((c) => c.deferredTaxCents),
    antidumpingCents: sum((c) => c.antidumpingCents),
    countervailingCents: sum((c) => c.countervailingCents),
    interestCents: sum((c) => c.interestCents),
    fees: [...byClass].map(([classCode, cents]) => ({ classCode, cents })),
    dueCents: sum((c) => c.dueCents),
    revenueEntries,
    nonRevenueEntries: each.length - revenueEntries,
  };
}

/** An amount in cents as the digits of its field (two implied decimals); more digits than ACE fills is an error. */
function amount(cents: number, digits = AMOUNT_DIGITS): string {
  if (!Number.isInteger(cents) || cents < 0 || cents >= 10 ** digits) {
    throw new RangeError(`amount ${cents} cents is not a whole number of cents that fits ${digits} digits`);
  }
  return String(cents);
}

const yesNo = (yes: boolean): string => (yes ? 'Y' : 'N');

/** A YYYY-MM-DD day as MMDDYY. */
const day = (iso: string): string => mmddyy(new Date(`${iso}T00:00:00Z`));

function byPortAndEntry(a: StatementEntry, b: StatementEntry): number {
  return a.port.localeCompare(b.port) || a.filer.localeCompare(b.filer) || a.entryNumber.localeCompare(b.entryNumber);
}
