import { test } from 'tap';
import { readFileSync } from 'node:fs';
import { entryCheckDigit } from '../../src/catair/check-digit.js';
import { cargoRelease, censusOverrideOf, entrySummary, november, numbers, sendOn } from '../helpers/certification.js';
import { send, testMock } from '../helpers/mock.js';
import { put, sampleWith } from '../helpers/transmission.js';

// Certification reports judged against CBP's criteria (REQ-5..REQ-7 of the ABI requirements
// overview, as schemas/certification/criteria.yaml states them), over journals built by sending
// real transmissions through the pipeline on chosen business days.

test('cargo release: three clean days would pass (REQ-7: three days, under 10% errors, no repetitive errors)', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  for (const day of [25, 26, 27]) await sendOn(mock, november(day), numbers(4, day).map((n) => cargoRelease(n)));

  const report = await mock.certification.report({ filer: 'B76', application: 'cargo-release' });
  const [cargo] = report.programs;
  t.equal(report.wouldPass, true);
  t.equal(cargo?.verdict.summary, 'Cargo Release: 3 of 3 days, 0.0% errors, no repetitive errors: would pass');
  t.same(cargo?.days.map((d) => [d.day, d.transactions, d.rejected]), [['2026-11-25', 4, 0], ['2026-11-26', 4, 0], ['2026-11-27', 4, 0]]);
  t.same(report.period, { from: '2026-11-25', to: '2026-11-27' });
});

test('cargo release: two days are too few (REQ-7: a minimum of three days)', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  for (const day of [25, 26]) await sendOn(mock, november(day), numbers(5, day).map((n) => cargoRelease(n)));

  const [cargo] = (await mock.certification.report({ filer: 'B76', application: 'SE' })).programs;
  t.equal(cargo?.verdict.wouldPass, false);
  t.match(cargo?.verdict.criteria.find((c) => c.id === 'min-days'), { status: 'not met', measured: '2 of 3 days with transmissions', source: 'REQ-7' });
  t.equal(cargo?.verdict.summary, 'Cargo Release: 2 of 3 days with transmissions: would not pass');
});

test('cargo release: the error rate must be under 10 percent, so exactly 10% fails and 9.1% passes', async (t) => {
  for (const [clean, verdict] of [[9, false], [10, true]] as const) {
    const mock = testMock();
    t.teardown(() => mock.close());
    await sendOn(mock, november(25), [cargoRelease('0250000', { badCheckDigit: true })]);
    await sendOn(mock, november(26), numbers(clean - 6, 26).map((n) => cargoRelease(n)));
    await sendOn(mock, november(27), numbers(6, 27).map((n) => cargoRelease(n)));

    const [cargo] = (await mock.certification.report({ filer: 'B76', application: 'SE' })).programs;
    const rate = cargo?.verdict.criteria.find((c) => c.id === 'error-rate');
    t.equal(rate?.status, verdict ? 'met' : 'not met', `1 error in ${clean + 1} transactions`);
    t.equal(cargo?.verdict.wouldPass, verdict);
    // One error once is not repetitive.
    t.same(cargo?.repeatedErrors.map((r) => [r.code, r.field, r.transactions, r.repetitive]), [['006', 'entryNumber', 1, false]]);
  }
});

test('entry summary: B16 repeated 14 times over 2 days would not pass, with counts and first and last seen', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  await sendOn(mock, november(25), [...numbers(7, 25).map((n) => entrySummary(n, { badCheckDigit: true })), ...numbers(30, 35).map((n) => entrySummary(n))]);
  await sendOn(mock, november(26), [...numbers(7, 26).map((n) => entrySummary(n, { badCheckDigit: true })), ...numbers(30, 36).map((n) => entrySummary(n))]);

  const report = await mock.certification.report({ filer: 'B76' });
  const es = report.programs.find((p) => p.id === 'entry-summary');
  const [b16] = es?.repeatedErrors ?? [];
  t.match(b16, { code: 'B16', field: 'entryNumber', transactions: 14, days: ['2026-11-25', '2026-11-26'], repetitive: true, repetitiveFrom: '2026-11-25' });
  t.equal(b16?.firstSeen.at, '2026-11-25T15:00:00.000Z');
  t.equal(b16?.lastSeen.at, '2026-11-26T15:00:00.000Z');
  t.equal(b16?.entries.length, 10, 'at most ten entries are listed');
  t.match(es?.verdict.criteria.find((c) => c.id === 'repetitive-errors'), { status: 'not met', measured: 'B16 on entryNumber repeated 14 times over 2 days' });
  t.same(es?.conditions.map((c) => [c.code, c.transactions]), [['B16', 14]]);
  t.equal(es?.verdict.wouldPass, false);
  t.match(es?.verdict.summary, /^Entry Summary: .*B16 on entryNumber repeated 14 times over 2 days.*: would not pass$/);
  t.equal(report.wouldPass, false);
});

test('an error met once on each of two days is repetitive (criteria: 2 days), and twice on one day is not', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  await sendOn(mock, november(25), [cargoRelease('0250001', { badCheckDigit: true }), cargoRelease('0250002', { badCheckDigit: true })]);
  let [cargo] = (await mock.certification.report({ filer: 'B76', application: 'SE' })).programs;
  t.match(cargo?.repeatedErrors[0], { code: '006', transactions: 2, repetitive: false });
  await sendOn(mock, november(26), [cargoRelease('0260001', { badCheckDigit: true })]);
  [cargo] = (await mock.certification.report({ filer: 'B76', application: 'SE' })).programs;
  t.match(cargo?.repeatedErrors[0], { code: '006', transactions: 3, repetitive: true, repetitiveFrom: '2026-11-26' });
});

test('a batch refused whole counts as one transaction in error on its day', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const broken = readFileSync(new URL('../../scenarios/samples/batch-missing-z.txt', import.meta.url), 'latin1');
  await sendOn(mock, november(25), [broken, ...numbers(3, 25).map((n) => entrySummary(n))]);

  const es = (await mock.certification.report({ filer: 'B76', application: 'AE' })).programs[0];
  t.match(es?.days[0], { day: '2026-11-25', transactions: 3, batchRejections: 1, errors: 1, errorRate: 0.25 });
  // B&B-31: a batch without its Z record is refused whole with X06.
  t.same(es?.batchRejections.map((b) => b.codes), [['X06']], 'the batch rejection is listed with its codes');
  t.match(es?.conditions[0], { code: 'X06', severity: 'fatal', transactions: 1 });
});

test('entry summary qualification: 10 clean days qualify; a fatal error restarts the count (REQ-6)', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  for (let day = 1; day <= 10; day++) await sendOn(mock, november(day), numbers(25, day).map((n) => entrySummary(n)));
  let es = (await mock.certification.report({ filer: 'B76', application: 'entry-summary' })).programs[0];
  t.match(es?.verdict.criteria.find((c) => c.id === 'qualification'), { status: 'met', measured: '10 of 10 qualifying days' });

  // Day 11: one fatal entry-number error among 25 (4%, under the 5% daily limit): the count starts again after it.
  await sendOn(mock, november(11), [entrySummary('1100099', { badCheckDigit: true }), ...numbers(24, 11).map((n) => entrySummary(n))]);
  await sendOn(mock, november(12), numbers(25, 12).map((n) => entrySummary(n)));
  es = (await mock.certification.report({ filer: 'B76', application: 'entry-summary' })).programs[0];
  t.match(es?.verdict.criteria.find((c) => c.id === 'qualification'), {
    status: 'not met',
    measured: `1 of 10 qualifying days since the count restarted (fatal B16 on B76-1100099${(Number(entryCheckDigit('B76', '1100099')) + 1) % 10} on 2026-11-11)`,
  });
  t.equal(es?.verdict.wouldPass, false);
});

test('entry summary qualification: a day over 5% errors restarts the count though no error is fatal or repetitive', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  // A delete of an entry never added is refused (B25), a condition not on the fatal list.
  await sendOn(mock, november(2), [...numbers(2, 2).map((n) => entrySummary(n, { action: 'D' })), ...numbers(18, 3).map((n) => entrySummary(n))]);
  await sendOn(mock, november(3), numbers(20, 4).map((n) => entrySummary(n)));
  const es = (await mock.certification.report({ filer: 'B76', application: 'AE' })).programs[0];
  t.equal(es?.days[0]?.errorRate, 0.1);
  t.notOk(es?.repeatedErrors.some((r) => r.repetitive), 'two refusals on one day are not repetitive');
  t.match(es?.verdict.criteria.find((c) => c.id === 'qualification')?.measured, /^1 of 10 qualifying days since the count restarted \(10\.0% errors on 2026-11-02\)$/);
});

test('volume is judged only when the monthly volume is given (REQ-5: 90 percent)', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  await sendOn(mock, november(2), numbers(9, 2).map((n) => entrySummary(n)));
  const volume = async (monthlyVolume?: number) =>
    (await mock.certification.report({ filer: 'B76', application: 'AE', ...(monthlyVolume !== undefined && { monthlyVolume }) })).programs[0]?.verdict.criteria.find((c) => c.id === 'volume');
  t.equal((await volume())?.status, 'not judged');
  t.equal((await volume(10))?.status, 'met', '9 of 10');
  t.equal((await volume(11))?.status, 'not met', '9 of 11');
});

test('--days keeps the newest N business days; from/to and port narrow the report', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  for (const day of [20, 21, 25, 26]) await sendOn(mock, november(day), numbers(2, day).map((n) => cargoRelease(n)));
  await sendOn(mock, november(26), [cargoRelease('2690000', { port: '1001' })]);

  const daysOf = async (q: Parameters<typeof mock.certification.report>[0]) => (await mock.certification.report(q)).programs[0]?.days.map((d) => d.day);
  t.same(await daysOf({ filer: 'B76', application: 'SE', days: 3 }), ['2026-11-21', '2026-11-25', '2026-11-26'], 'the last 3 days with transmissions, across the gap');
  t.same(await daysOf({ filer: 'B76', application: 'SE', from: '2026-11-21', to: '2026-11-25' }), ['2026-11-21', '2026-11-25']);
  const port1001 = (await mock.certification.report({ filer: 'B76', application: 'SE', port: '1001' })).programs[0];
  t.equal(port1001?.total.transactions, 1, 'only the release naming port 1001');
  t.equal((await mock.certification.report({ filer: 'XYZ' })).programs.length, 0, 'another filer has nothing');
  t.same((await mock.certification.report({ filer: 'XYZ' })).summary, ['nothing to judge: no transmissions from XYZ match this report']);
});

test('a plan ticks off what was shown and lists what is missing', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  await sendOn(mock, november(25), [entrySummary('2500001'), entrySummary('2500001', { action: 'R' }), entrySummary('2500002'), entrySummary('2500002', { action: 'D' }), entrySummary('2500003', { badCheckDigit: true })]);

  const { plan, wouldPass, summary } = await mock.certification.report({ filer: 'B76', plan: 'entry-summary' });
  t.same(
    plan?.items.filter((i) => i.done).map((i) => i.id),
    ['add', 'replace', 'delete', 'rejection-received'],
  );
  t.equal(plan?.items.find((i) => i.id === 'add')?.seen, 2);
  t.same(plan?.missing, [
    'A Census warning received on an accepted entry summary',
    'That Census warning overridden (CW on the same entry, afterwards) and the override accepted',
    'A post-summary correction (AE with the PSC indicator) accepted',
    'An entry summary query (EQ) answered',
  ]);
  t.equal(plan?.done, 4);
  t.equal(wouldPass, false, 'an unfinished plan does not pass');
  t.match(summary.at(-1), /^plan entry-summary: 4 of 8 shown; still to show: /);
});

test('the cargo release plan sees the SO hold and release notifications once they are due', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  await sendOn(mock, november(25), [cargoRelease('2500010')], { 'x-ace-scenario': 'cr-cbp-exam-then-release' });
  const done = async () => (await mock.certification.report({ filer: 'B76', plan: 'cargo-release' })).plan?.items.filter((i) => i.done).map((i) => i.id);
  t.same(await done(), ['add', 'hold'], 'the hold is due at once, the release four hours later');
  mock.clocks.set('B76', new Date(november(25).getTime() + 5 * 3_600_000));
  t.same(await done(), ['add', 'hold', 'release']);
});

test('an unknown plan or application is refused with what exists', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  await t.rejects(mock.certification.report({ plan: 'nope' }), /no certification plan "nope"; the plans are cargo-release, entry-summary, statements/);
  await t.rejects(mock.certification.report({ application: 'ZZ' }), /no certification program counts "ZZ"; the programs are cargo-release \(SE\); entry-summary \(AE, CW\)/);
});

test('the statements plan sees the preliminary and the final statement once delivered (REQ-7 Statement Processing Testing)', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  // Payment type 2 (daily statement) printed 2026-12-01, filed on 2026-11-25.
  const ENTRY = `2500020${entryCheckDigit('B76', '2500020')}`;
  const statementSummary = entrySummary('2500020').replace(/^(10A.{47}).{7}/m, (_, head: string) => `${head}2120126`);
  await sendOn(mock, november(25), [statementSummary]);
  const done = async () => (await mock.certification.report({ filer: 'B76', plan: 'statements' })).plan?.items.filter((i) => i.done).map((i) => i.id);
  t.same(await done(), ['summary-on-statement']);

  mock.clocks.set('B76', new Date('2026-12-01T12:00:00Z'));
  t.same(await done(), ['summary-on-statement', 'preliminary']);

  const paid = await mock.http.inject({ method: 'POST', url: `/v1/admin/sessions/B76/entries/B76/${ENTRY}/advance`, payload: { to: 'paid' } });
  t.equal(paid.statusCode, 200, paid.body);
  mock.clocks.set('B76', new Date('2026-12-03T12:00:00Z'));
  t.same(await done(), ['summary-on-statement', 'preliminary', 'final']);
});

test('REQ-6: a repetitive error restarts the qualification count on every day it recurs, even at a low error rate', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  // Each day: 40 accepted adds and one delete of an entry never filed (B25, not on the fatal list): 2.4% errors.
  for (let day = 1; day <= 12; day++) await sendOn(mock, november(day), [...numbers(40, day).map((n) => entrySummary(n)), entrySummary(`${String(day).padStart(2, '0')}99999`, { action: 'D' })]);
  const es = (await mock.certification.report({ filer: 'B76', application: 'AE' })).programs[0];
  t.ok(es?.days.every((d) => d.errorRate < 0.05), 'no day is over 5%');
  t.match(es?.verdict.criteria.find((c) => c.id === 'qualification'), { status: 'not met', measured: '0 of 10 qualifying days since the count restarted (B25 on actionCode, repetitive, on 2026-11-12)' });
});

test('REQ-6: ten clean days after a restart qualify again; a day at exactly 5% does not restart the count', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  await sendOn(mock, november(1), [entrySummary('0199999', { badCheckDigit: true }), ...numbers(9, 1).map((n) => entrySummary(n))]);
  for (let day = 2; day <= 11; day++) {
    // Day 5: one refusal (B25) in 20 transactions, 5.0%: over five percent restarts, five percent does not.
    const refusal = day === 5 ? [entrySummary('0599999', { action: 'D' })] : [];
    await sendOn(mock, november(day), [...refusal, ...numbers(20 - refusal.length, day).map((n) => entrySummary(n))]);
  }
  const es = (await mock.certification.report({ filer: 'B76', application: 'AE' })).programs[0];
  t.equal(es?.days.find((d) => d.day === '2026-11-05')?.errorRate, 0.05);
  t.match(es?.verdict.criteria.find((c) => c.id === 'qualification'), { status: 'met', measured: /^10 of 10 qualifying days since the count restarted \(fatal B16 on B76-0199999\d on 2026-11-01\)$/ });
});

test('REQ-5: a repetitive entry summary error corrected since (each entry accepted afterwards) no longer fails the criterion', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const bad = numbers(3, 25);
  // A delete of a summary not on file is refused (B25) three times: repetitive. Each entry is then added and accepted.
  await sendOn(mock, november(25), bad.map((n) => entrySummary(n, { action: 'D' })));
  let es = (await mock.certification.report({ filer: 'B76', application: 'AE' })).programs[0];
  t.match(es?.verdict.criteria.find((c) => c.id === 'repetitive-errors'), { status: 'not met', measured: 'B25 on actionCode repeated 3 times over 1 day' });
  await sendOn(mock, november(26), [...bad.map((n) => entrySummary(n)), ...numbers(30, 26).map((n) => entrySummary(n))]);
  es = (await mock.certification.report({ filer: 'B76', application: 'AE' })).programs[0];
  t.match(es?.repeatedErrors[0], { code: 'B25', repetitive: true, resolved: true });
  t.match(es?.verdict.criteria.find((c) => c.id === 'repetitive-errors'), { status: 'met', measured: 'no unresolved repetitive errors (1 repetitive error corrected since)' });
  // Cargo release (REQ-7: no repetitive errors) counts it whatever happened after.
  await sendOn(mock, november(27), ['0270001', '0270002', '0270003'].map((n) => cargoRelease(n, { badCheckDigit: true })));
  await sendOn(mock, november(27), ['0270001', '0270002', '0270003'].map((n) => cargoRelease(n)));
  const cargo = (await mock.certification.report({ filer: 'B76', application: 'SE' })).programs[0];
  t.match(cargo?.verdict.criteria.find((c) => c.id === 'repetitive-errors'), { status: 'not met' });
});

test('sessions interleave by business time; a journal of several filers asks which one', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  // Session "late" is sent to first but its clock reads 26 November; "early" second, at 20 November.
  mock.clocks.set('late', november(26));
  await send(mock, cargoRelease('0260001', { badCheckDigit: true }), { 'x-ace-session': 'late' });
  mock.clocks.set('early', november(20));
  await send(mock, cargoRelease('0200001', { badCheckDigit: true }), { 'x-ace-session': 'early' });
  const [cargo] = (await mock.certification.report({ filer: 'B76', application: 'SE' })).programs;
  t.same(cargo?.days.map((d) => d.day), ['2026-11-20', '2026-11-26']);
  t.match(cargo?.repeatedErrors[0], { code: '006', firstSeen: { at: /^2026-11-20/ }, lastSeen: { at: /^2026-11-26/ }, repetitiveFrom: '2026-11-26' });

  const other = readFileSync(new URL('../../scenarios/samples/ae-add-1-line.txt', import.meta.url), 'latin1').replace(/B76/g, 'C12');
  await sendOn(mock, november(26), [other]);
  await t.rejects(mock.certification.report({}), /CBP certifies each filer on its own; name one with filer: the journal has B76, C12/);
  t.equal((await mock.certification.report({ filer: 'C12' })).filer, 'C12');
});

test('a port filter keeps the port-less transactions of its entries and says how many refused batches it left out', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const broken = readFileSync(new URL('../../scenarios/samples/batch-missing-z.txt', import.meta.url), 'latin1');
  await sendOn(mock, november(25), [broken, cargoRelease('0250001'), cargoRelease('0250002', { port: '1001' })]);
  const report = await mock.certification.report({ filer: 'B76', port: '2704' });
  t.equal(report.batchRejectionsLeftOut, 1);
  t.same(report.summary, ['Cargo Release: 1 of 3 days with transmissions: would not pass', '1 batch(es) refused whole are left out: they name no port']);
  t.equal(report.programs.find((p) => p.id === 'cargo-release')?.total.transactions, 1);
});

test('a port filter keeps the Census override (no port of its own) of an entry filed at that port, not one filed elsewhere', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  await sendOn(mock, november(25), [entrySummary('2500040'), entrySummary('2500041')]);
  const facts = (await mock.certification.report({ filer: 'B76', application: 'AE' })).programs[0]?.total.transactions;
  t.equal(facts, 2);
  // The CW answers (CO) name no port; ports 2704 (the samples') and none other are on file.
  const cw = censusOverrideOf('2500040');
  await sendOn(mock, november(25), [cw]);
  const atPort = (await mock.certification.report({ filer: 'B76', port: '2704' })).programs.find((p) => p.id === 'entry-summary');
  t.equal(atPort?.total.transactions, 3, 'both summaries and the override of one of them');
  const elsewhere = await mock.certification.report({ filer: 'B76', port: '1001' });
  t.equal(elsewhere.programs.length, 0, 'nothing at another port, the override included');
});

test('warnings are told apart: a Census warning (W) ticks the plan item, an informational condition (I) does not', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  await sendOn(mock, november(25), [entrySummary('2500030')], { 'x-ace-scenario': 'quota-pending' });
  let report = await mock.certification.report({ filer: 'B76', plan: 'entry-summary' });
  t.match(report.programs[0]?.conditions, [{ code: 'Q08', severity: 'informational', transactions: 1 }]);
  t.equal(report.plan?.items.find((i) => i.id === 'census-warning')?.done, false);

  await sendOn(mock, november(25), [entrySummary('2500031')], { 'x-ace-scenario': 'census-warning-then-override' });
  report = await mock.certification.report({ filer: 'B76', plan: 'entry-summary' });
  t.match(report.programs[0]?.conditions.find((c) => c.code === '27C'), { severity: 'warning', transactions: 1 });
  t.equal(report.plan?.items.find((i) => i.id === 'census-warning')?.done, true);
});

test('days=N counts the days each program has transmissions on: a later entry summary does not use up a cargo release day', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  for (const day of [25, 26, 27]) await sendOn(mock, november(day), numbers(2, day).map((n) => cargoRelease(n)));
  await sendOn(mock, november(28), [entrySummary('2800001')]);
  const report = await mock.certification.report({ filer: 'B76', days: 3 });
  const cargo = report.programs.find((p) => p.id === 'cargo-release');
  t.equal(cargo?.verdict.summary, 'Cargo Release: 3 of 3 days, 0.0% errors, no repetitive errors: would pass');
  t.same(report.period, { from: '2026-11-25', to: '2026-11-28' }, 'the period spans what every program counted');
});

test('REQ-5 resolved means accepted after the error: an entry accepted before it was refused is not corrected', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const entries = numbers(3, 25);
  await sendOn(mock, november(25), entries.map((n) => entrySummary(n)));
  // Each summary on file, then a replace of it with an importer number in no known format: refused (102), never sent again.
  const badImporter = (n: string) => sampleWith('ae-add-1-line.txt', n, { action: 'R', edit: (r) => (r.startsWith('11') ? put(r, 3, '123456789   ') : r) });
  await sendOn(mock, november(26), entries.map(badImporter));
  const es = (await mock.certification.report({ filer: 'B76', application: 'AE' })).programs[0];
  t.match(es?.repeatedErrors[0], { code: '102', field: 'importerNumber', repetitive: true, resolved: false });
  t.match(es?.verdict.criteria.find((c) => c.id === 'repetitive-errors'), { status: 'not met' });
});
