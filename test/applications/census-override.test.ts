import t from 'tap';

type Test = Pick<typeof t, 'teardown' | 'match' | 'same'>;
import { responseWithConditions } from '../../src/applications/application.js';
import { CO } from '../../src/applications/census-override/conditions.js';
import { CL } from '../../src/applications/census-query/conditions.js';
import { writeRecord } from '../../src/catair/record.js';
import type { AceMock } from '../../src/server.js';
import { aeDelete, aeWithWarning, answerOf, batch, entry, fields, put } from '../helpers/census.js';
import { send, testMock } from '../helpers/mock.js';

const CW03 = ['entryFiler', 'entryNumber', 'lineNumber', 'warning', 'override', 'condition', 'narrative'];

const cw01 = (mock: AceMock, entryNumber: string, entryFiler = 'B76'): string => writeRecord(mock.catalog.layout('CW01'), { entryFiler, entryNumber });

/** A stand-alone CW02: a line and its warning/override pairs, e.g. [['27C', '09']]. */
function cw02(mock: AceMock, lineNumber: string, pairs: readonly (readonly [string, string])[]): string {
  const values: Record<string, string> = { lineNumber };
  pairs.forEach(([warning, override], i) => {
    values[`warning${i + 1}`] = warning;
    values[`override${i + 1}`] = override;
  });
  return writeRecord(mock.catalog.layout('CW02.override'), values);
}

const warningsOf = (mock: AceMock, entryNumber: string) => mock.entries.get({ session: 'B76', filer: 'B76', entryNumber })?.warnings;

async function mockWithWarning(t: Test, n: number): Promise<{ mock: AceMock; entryNumber: string }> {
  const mock = testMock();
  t.teardown(() => mock.close());
  const entryNumber = entry(n);
  const ae = await answerOf(mock, aeWithWarning(entryNumber));
  t.match(ae.at(-1), /^E1AW995/, 'the AE is accepted with a Census warning');
  t.same(warningsOf(mock, entryNumber), [{ line: '001', code: '27C' }], 'W27C is outstanding on line 001');
  return { mock, entryNumber };
}

t.test('an override clears a warning raised twice on its line (built-in check and scenario)', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const entryNumber = entry(5100006);
  await answerOf(mock, aeWithWarning(entryNumber), { 'x-ace-scenario': 'census-warning-then-override' });
  const raised = warningsOf(mock, entryNumber) ?? [];
  t.ok(raised.length > 0 && raised.every((w) => w.line === '001' && w.code === '27C'), 'only 27C on line 001 is outstanding (raised by both today)');
  const answer = await answerOf(mock, batch('CW', [cw01(mock, entryNumber), cw02(mock, '001', [['27C', '09']])]));
  t.equal(fields(mock, 'CW03', answer, ['condition'])[0]?.condition, 'C01');
  t.same(warningsOf(mock, entryNumber), []);
});

t.test('an allowed override of an outstanding warning is accepted (C01) and clears it', async (t) => {
  const { mock, entryNumber } = await mockWithWarning(t, 5100001);
  const res = await send(mock, batch('CW', [cw01(mock, entryNumber), cw02(mock, '001', [['27C', '09']])]), { accept: 'application/json' });
  const exchange = res.json() as { outcome: string; output: string[]; transactions: { disposition: string; outcome: string; action: string; reason: string }[] };
  t.equal(exchange.outcome, 'accepted');
  t.match(exchange.output[0], /^A2704B76      112526     CO/, 'answered as CO');
  t.match(exchange.output[1], /^B  2704B76CO/);
  const cw03 = exchange.output.filter((r) => r.startsWith('CW03'));
  t.same(fields(mock, 'CW03', cw03, CW03), [
    { entryFiler: 'B76', entryNumber, lineNumber: '001', warning: '27C', override: '09', condition: 'C01', narrative: 'CENSUS WARN OVERRIDE ACCPTD' },
  ]);
  t.match(exchange.output.at(-2), /^Y  2704B76CO00001/, 'Y counts the one CW03');
  t.match(exchange.transactions, [{ disposition: 'C01', outcome: 'accepted', action: 'CW', reason: 'no scenario matched: built-in rules' }]);
  t.same(warningsOf(mock, entryNumber), [], 'no warning is left outstanding');
  const history = mock.entries.historyOf({ session: 'B76', filer: 'B76', entryNumber }) as { action: string; disposition: string; version: number }[];
  t.match(history.at(-1), { action: 'CW', disposition: 'C01', version: 100 }, 'the override is in the entry history; the version stays');

  const again = await answerOf(mock, batch('CW', [cw01(mock, entryNumber), cw02(mock, '001', [['27C', '09']])]));
  t.equal(fields(mock, 'CW03', again, ['condition'])[0]?.condition, '485', 'a second override of the same warning finds nothing outstanding');
});

t.test('each pair is judged on its own: 484, 486, 487, 485, 488 and C05', async (t) => {
  const { mock, entryNumber } = await mockWithWarning(t, 5100002);
  const answer = await answerOf(mock, batch('CW', [
    cw01(mock, entryNumber),
    cw02(mock, '001', [['ZZZ', '09'], ['27C', '99'], ['27C', '04'], ['27D', '04'], ['27C', '50'], ['27C', '09']]),
    cw02(mock, '002', [['27C', '09']]),
    cw02(mock, 'AB1', [['27C', '09']]),
  ]));
  t.same(fields(mock, 'CW03', answer, ['lineNumber', 'warning', 'override', 'condition']), [
    { lineNumber: '001', warning: 'ZZZ', override: '09', condition: '484' },
    { lineNumber: '001', warning: '27C', override: '99', condition: '486' },
    { lineNumber: '001', warning: '27C', override: '04', condition: '488' },
    { lineNumber: '001', warning: '27D', override: '04', condition: '485' },
    { lineNumber: '001', warning: '27C', override: '50', condition: '488' },
    { lineNumber: '001', warning: '27C', override: '09', condition: '488' },
    { lineNumber: '002', warning: '27C', override: '09', condition: '485' },
    { lineNumber: 'AB1', warning: '27C', override: '09', condition: 'C05' },
  ]);
  t.same(warningsOf(mock, entryNumber), [{ line: '001', code: '27C' }], 'nothing was accepted: the warning stays');
});

t.test('487 when the override is not allowed for the warning; the same warning then accepts an allowed one', async (t) => {
  const { mock, entryNumber } = await mockWithWarning(t, 5100003);
  const refused = await answerOf(mock, batch('CW', [cw01(mock, entryNumber), cw02(mock, '001', [['27C', '04']])]));
  t.same(fields(mock, 'CW03', refused, ['condition', 'narrative']), [{ condition: '487', narrative: 'CENSUS OVRD CD NOT ALLOWED FOR CONDITION' }]);
  t.same(warningsOf(mock, entryNumber), [{ line: '001', code: '27C' }]);
  const accepted = await answerOf(mock, batch('CW', [cw01(mock, entryNumber), cw02(mock, '001', [['27C', '50']])]));
  t.equal(fields(mock, 'CW03', accepted, ['condition'])[0]?.condition, 'C01');
});

t.test('a blank mandatory pair gets 484; a warning with a blank override gets 486', async (t) => {
  const { mock, entryNumber } = await mockWithWarning(t, 5100004);
  const blank = await answerOf(mock, batch('CW', [cw01(mock, entryNumber), cw02(mock, '001', [])]));
  t.same(fields(mock, 'CW03', blank, ['warning', 'override', 'condition']), [{ warning: '', override: '', condition: '484' }]);
  const noOverride = await answerOf(mock, batch('CW', [cw01(mock, entryNumber), cw02(mock, '001', [['27C', '']])]));
  t.same(fields(mock, 'CW03', noOverride, ['warning', 'condition']), [{ warning: '27C', condition: '486' }]);
});

t.test('a partly accepted request: accepted pairs apply, the transaction reports the first error', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const entryNumber = entry(5100005);
  // The built-in check raises 27C, the scenario 27B, both on line 001.
  await answerOf(mock, aeWithWarning(entryNumber), { 'x-ace-scenario': 'census-warning-standalone-cw' });
  t.same(warningsOf(mock, entryNumber), [{ line: '001', code: '27C' }, { line: '001', code: '27B' }], 'the AE left two warnings');
  const res = await send(mock, batch('CW', [cw01(mock, entryNumber), cw02(mock, '001', [['27D', '04'], ['27C', '09']])]), { accept: 'application/json' });
  const exchange = res.json() as { outcome: string; transactions: { disposition: string; outcome: string; conditions: { code: string }[] }[] };
  t.match(exchange.transactions, [{ disposition: '485', outcome: 'rejected', conditions: [{ code: '485' }, { code: 'C01' }] }]);
  t.equal(exchange.outcome, 'rejected');
  t.same(warningsOf(mock, entryNumber), [{ line: '001', code: '27B' }], 'the accepted pair cleared its warning only');
});

t.test('entry-level answers go on every pair: C02 not found, C03 other filer, C04 deleted', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const unknown = entry(5100010);
  const notFound = await answerOf(mock, batch('CW', [cw01(mock, unknown), cw02(mock, '001', [['27C', '09'], ['27D', '04']])]));
  t.same(fields(mock, 'CW03', notFound, ['entryNumber', 'warning', 'condition', 'narrative']), [
    { entryNumber: unknown, warning: '27C', condition: 'C02', narrative: 'ENTRY SUMMARY NOT FOUND' },
    { entryNumber: unknown, warning: '27D', condition: 'C02', narrative: 'ENTRY SUMMARY NOT FOUND' },
  ]);

  const rejected = entry(5100011);
  const ae = await answerOf(mock, aeWithWarning(rejected), { 'x-ace-scenario': 'reject-then-accept' });
  t.match(ae.at(-1), /^E1R/, 'the AE is rejected');
  const afterReject = await answerOf(mock, batch('CW', [cw01(mock, rejected), cw02(mock, '001', [['27C', '09']])]));
  t.equal(fields(mock, 'CW03', afterReject, ['condition'])[0]?.condition, 'C02', 'a rejected entry summary is not on file');

  const mine = entry(5100012);
  await answerOf(mock, aeWithWarning(mine));
  const other = await answerOf(mock, batch('CW', [cw01(mock, mine, 'XYZ'), cw02(mock, '001', [['27C', '09']])]));
  t.same(fields(mock, 'CW03', other, ['entryFiler', 'condition']), [{ entryFiler: 'XYZ', condition: 'C03' }]);
  t.same(warningsOf(mock, mine), [{ line: '001', code: '27C' }], 'C03 changed nothing');

  await answerOf(mock, aeDelete(mine));
  t.equal(mock.entries.get({ session: 'B76', filer: 'B76', entryNumber: mine })?.status, 'deleted');
  const deleted = await answerOf(mock, batch('CW', [cw01(mock, mine), cw02(mock, '001', [['27C', '09']])]));
  t.same(fields(mock, 'CW03', deleted, ['condition', 'narrative']), [{ condition: 'C04', narrative: 'ENTRY NOT IN ACCEPTED STATUS' }]);
});

t.test('a liquidated entry summary takes no override (B30)', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const n = entry(5100013);
  await answerOf(mock, aeWithWarning(n), { 'x-ace-scenario': 'psc-refused-liquidated' });
  t.equal(mock.entries.get({ session: 'B76', filer: 'B76', entryNumber: n })?.liquidated, true, 'the scenario liquidated the entry');
  const answer = await answerOf(mock, batch('CW', [cw01(mock, n), cw02(mock, '001', [['27C', '09']])]));
  t.same(fields(mock, 'CW03', answer, ['condition', 'narrative']), [{ condition: 'B30', narrative: 'ENTRY SUMMARY HAS BEEN LIQUIDATED' }]);
  t.same(warningsOf(mock, n), [{ line: '001', code: '27C' }], 'the warning stays');
});

t.test('two CW01 in one block are answered in order, each for its own entry', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const [a, b] = [entry(5100020), entry(5100021)];
  await answerOf(mock, aeWithWarning(a));
  const answer = await answerOf(mock, batch('CW', [cw01(mock, a), cw02(mock, '001', [['27C', '09']]), cw01(mock, b), cw02(mock, '001', [['27C', '09']])]));
  t.same(fields(mock, 'CW03', answer, ['entryNumber', 'condition']), [
    { entryNumber: a, condition: 'C01' },
    { entryNumber: b, condition: 'C02' },
  ]);
});

t.test('syntax problems reject the batch before any state changes', async (t) => {
  const { mock, entryNumber } = await mockWithWarning(t, 5100030);
  const good = cw02(mock, '001', [['27C', '09']]);
  const filler = mock.catalog.layout('CW01').byName.get('filler2')?.start ?? 0;
  const cases: [string, string[], string[]][] = [
    ['a CW03 in input is an unknown record id', [cw01(mock, entryNumber), good, `CW03${good.slice(4)}`], ['X34']],
    ['a CW02 before any CW01', [good, cw01(mock, entryNumber), good], ['X33']],
    ['a CW01 without CW02', [cw01(mock, entryNumber)], ['X37']],
    ['data in filler', [put(cw01(mock, entryNumber), filler, 'X'), good], ['X39']],
    ['lower-case code', [cw01(mock, entryNumber), good.replace('27C', '27c')], ['X40']],
  ];
  for (const [what, details, codes] of cases) {
    const res = await send(mock, batch('CW', details), { accept: 'application/json' });
    const exchange = res.json() as { outcome: string; batchConditions: { code: string }[]; output: string[] };
    t.equal(exchange.outcome, 'batch-rejected', what);
    t.same(exchange.batchConditions.map((c) => c.code), codes, `${what}: ${codes.join(', ')}`);
    t.ok(exchange.output.some((r) => r.startsWith('X1RF999')), `${what}: X1RF999 BATCH REJECTED`);
  }
  t.same(warningsOf(mock, entryNumber), [{ line: '001', code: '27C' }], 'no rejected batch touched the warning');
});

t.test('the condition codes CW and CJ answer with are checked against the dictionary at start-up', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  t.doesNotThrow(() => responseWithConditions(mock.catalog, 'CW', CO), 'every CO code is known');
  t.doesNotThrow(() => responseWithConditions(mock.catalog, 'CJ', CL), 'every CL code is known');
  t.throws(() => responseWithConditions(mock.catalog, 'CW', { unknown: 'Q99' }), /Q99 of CO/, 'a code the dictionary lacks stops start-up');
  t.throws(() => responseWithConditions(mock.catalog, 'CW', { clOnly: '016' }), /016 of CO/, "CL's own codes are not CO's");
});
