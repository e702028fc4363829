import t from 'tap';
import { send, TEST_NOW, testMock } from '../../helpers/mock.js';
import { put, sampleWith } from '../../helpers/transmission.js';

type Mock = ReturnType<typeof testMock>;
interface Message { seq: number; deliverAt: string; summary: string; records: string[] }

/** A type 01 summary of B76, single pay (the sample's payment type 1) or on a daily statement printed on `printDate` (MMDDYY). */
const summary = (number7: string, payment: { type: string; printDate?: string } = { type: '1' }) =>
  sampleWith('ae-add-1-line.txt', number7, {
    edit: (r) => (r.startsWith('10') ? put(put(r, 51, payment.type), 52, payment.printDate ?? '      ') : r),
  });

const file = async (mock: Mock, body: string) => {
  const res = await send(mock, body, { 'x-ace-session': 'qa', accept: 'application/json' });
  const tx = res.json().transactions[0] as { entryNumber: string; disposition: string };
  return tx;
};
const entry = async (mock: Mock, number: string) => (await mock.http.inject({ method: 'GET', url: `/v1/sessions/qa/entries/B76/${number}` })).json();
const clock = (mock: Mock, body: object) => mock.http.inject({ method: 'POST', url: '/v1/admin/sessions/qa/clock', payload: body });
const advance = (mock: Mock, number: string, to: string) =>
  mock.http.inject({ method: 'POST', url: `/v1/admin/sessions/qa/entries/B76/${number}/advance`, payload: { to } });
const messages = async (mock: Mock, after = 0) =>
  ((await mock.http.inject({ method: 'GET', url: `/v1/messages?session=qa&after=${after}` })).json() as { messages: Message[] }).messages;

t.test('a statement summary goes on its preliminary statement on the print date, is paid, liquidates 314 days after entry', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  // Entered 2026-11-25 (TEST_NOW), payment type 2 (daily statement by entry), printed 2026-12-01.
  const { entryNumber, disposition } = await file(mock, summary('1234567', { type: '2', printDate: '120126' }));
  t.equal(disposition, '995');
  const filed = await entry(mock, entryNumber);
  t.match(filed, { stage: 'trade-control', paymentType: '2', statement: null, scheduled: [{ kind: 'preliminary-statement', dueAt: '2026-12-01T00:00:00.000Z' }] });

  await clock(mock, { set: '2026-11-30T23:59:00Z' });
  t.same(await messages(mock), [], 'nothing before the print date');
  await clock(mock, { advance: 'PT1M' });
  const [preliminary] = await messages(mock);
  // Statement number DDFYJJJXXX (Daily Statement p. 8): district 27, FY 2027 (from 1 October), day 335, first of the day.
  t.equal(preliminary?.summary, 'preliminary statement 2727335001: 1 summary');
  t.match(preliminary?.records[0], /^B  2704B76PFP2727335001120126/, 'the PF block header carries status P, the number and print date (B&B-25..26)');
  t.same(preliminary?.records.map((r) => r.slice(0, 2)), ['B ', 'Q1', 'Q2', 'QA', 'Q3', 'Q4', 'QE', 'Y '], 'details, then preliminary totals (p. 9)');
  t.match(preliminary?.records[1], new RegExp(`^Q12704B76  ${entryNumber}  `));
  t.match(await entry(mock, entryNumber), { stage: 'preliminary-statement', statement: { status: 'on', number: '2727335001', printedOn: '2026-12-01' } });

  // A summary on a statement is CBP's: a replace is refused (B29).
  const replace = await file(mock, summary('1234567', { type: '2', printDate: '120126' }).replace(/^10A/m, '10R'));
  t.equal(replace.disposition, '998');

  const paid = await advance(mock, entryNumber, 'paid');
  t.equal(paid.statusCode, 200);
  t.match(paid.json(), { stage: 'liquidation-scheduled', paid: true, paidOn: '2026-12-01', liquidation: { scheduled: true, date: '2027-10-05' } }, 'entered 2026-11-25 + 314 days');
  t.same(await messages(mock, preliminary?.seq), [], 'the final statement comes the day after payment');
  await clock(mock, { advance: 'P1D' });
  const [final] = await messages(mock, preliminary?.seq);
  t.match(final?.records[0], /^B  2704B76PFF2727335001/, 'status F');
  t.same(final?.records.map((r) => r.slice(0, 2)), ['B ', 'Q1', 'Q2', 'QA', 'Q3', 'Q4', 'QE', 'Q5', 'Q6', 'QJ', 'Y '], 'preliminary totals repeated, then the paid totals (p. 7)');

  await clock(mock, { set: '2027-10-04T12:00:00Z' });
  t.equal((await entry(mock, entryNumber)).stage, 'liquidation-scheduled');
  await clock(mock, { set: '2027-10-20T12:00:00Z' });
  const liquidated = await entry(mock, entryNumber);
  t.match(liquidated, { stage: 'liquidated', liquidation: { liquidated: true, liquidatedOn: '2027-10-05' } }, 'dated the day it fell due, though the clock jumped past it');
  const [notice] = await messages(mock, final?.seq);
  t.equal(notice?.summary, `courtesy notice of liquidation for B76-${entryNumber}, liquidated 2027-10-05`);
  t.same(notice?.records.map((r) => r.slice(0, 2)), ['B ', 'N1', 'N2', 'N4', 'Y '], 'an NR block');
  t.match(notice?.records[0], /^B  2704B76NR/);
  t.same(liquidated.history.map((h: { action: string }) => h.action), [
    'A',
    'on preliminary statement 2727335001',
    'paid on statement 2727335001',
    'liquidation scheduled for 2027-10-05',
    'liquidated',
  ]);
});

t.test('a statement print date must be a weekday after today and at most 90 days ahead, else nothing is scheduled (ESF-174..175)', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const refused = async (printDate: string) => {
    const res = await send(mock, summary('1234567', { type: '2', printDate }), { 'x-ace-session': 'qa', accept: 'application/json' });
    const [tx] = res.json().transactions as { entryNumber: string; disposition: string; conditions: { code: string }[] }[];
    number = tx?.entryNumber ?? '';
    return [tx?.disposition, tx?.conditions.map((c) => c.code)];
  };
  let number = '';
  // TEST_NOW is Wednesday 25 November 2026.
  t.same(await refused('112026'), ['998', ['205']], 'a past day');
  t.same(await refused('112526'), ['998', ['205']], 'today');
  t.same(await refused('112826'), ['998', ['204']], 'a Saturday');
  t.same(await refused('022427'), ['998', ['206']], '91 days ahead');
  t.same(await refused('  0126'), ['998', ['203']], 'not a date');
  t.same(await refused('      '), ['998', ['202']], 'none');
  t.equal((await mock.http.inject({ method: 'GET', url: `/v1/sessions/qa/entries/B76/${number}` })).statusCode, 404, 'nothing on file');
  t.same(mock.db.prepare('SELECT kind FROM schedule').all(), [], 'no statement scheduled');
  await clock(mock, { advance: 'P7D' });
  t.same(await messages(mock), [], 'no statement printed');
});

t.test('summaries with the same port, print date, payment type and filer share one statement', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const a = await file(mock, summary('1234567', { type: '2', printDate: '120126' }));
  const b = await file(mock, summary('1234568', { type: '2', printDate: '120126' }));
  const other = await file(mock, summary('1234569', { type: '2', printDate: '120226' }));
  await clock(mock, { set: '2026-12-02T01:00:00Z' });
  const printed = await messages(mock);
  t.same(printed.map((m) => m.summary), ['preliminary statement 2727335001: 2 summaries', 'preliminary statement 2727336001: 1 summary']);
  t.same(printed[0]?.records.filter((r) => r.startsWith('Q1')).map((r) => r.slice(11, 19)), [a.entryNumber, b.entryNumber].sort());
  t.equal((await entry(mock, other.entryNumber)).statement.number, '2727336001');
  // Paying one of them pays the statement: both are paid.
  await advance(mock, a.entryNumber, 'paid');
  t.equal((await entry(mock, b.entryNumber)).paid, true, 'paid with the statement it is on');
  t.equal((await entry(mock, other.entryNumber)).paid, false, 'another statement is not');
});

t.test('advance: single pay, review, the stages in order, and what cannot be done', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const { entryNumber } = await file(mock, summary('1234567'));
  t.equal((await advance(mock, entryNumber, 'preliminary-statement')).statusCode, 409, 'single pay goes on no statement');
  t.match((await advance(mock, entryNumber, 'preliminary-statement')).json(), { type: 'urn:ace-mock:problem:cannot-advance', detail: /single payment/ });
  t.match((await advance(mock, entryNumber, 'paid')).json(), { stage: 'liquidation-scheduled', paidOn: '2026-11-25', liquidation: { date: '2027-10-05' } });
  t.equal((await advance(mock, entryNumber, 'paid')).statusCode, 409, 'already past it');
  t.match((await advance(mock, entryNumber, 'cbp-review')).json(), { stage: 'cbp-review', underReview: true });
  t.match((await advance(mock, entryNumber, 'liquidation-scheduled')).json(), { stage: 'liquidation-scheduled', underReview: false }, 'review completed');
  const done = (await advance(mock, entryNumber, 'liquidated')).json();
  t.match(done, { stage: 'liquidated', liquidation: { liquidatedOn: '2026-11-25', date: '2026-11-25' } });
  t.equal((await messages(mock)).length, 1, 'the courtesy notice; single pay sends no statement');
  t.equal((await advance(mock, entryNumber, 'cbp-review')).statusCode, 409, 'a liquidated entry is reviewed no more');
  t.equal((await advance(mock, '9999999-6', 'paid')).statusCode, 404);
  t.equal((await advance(mock, entryNumber, 'somewhere')).statusCode, 400);
  t.equal((await mock.http.inject({ method: 'GET', url: '/v1/sessions/qa/entries/B76/12' })).statusCode, 400);
  t.equal((await mock.http.inject({ method: 'POST', url: `/v1/admin/sessions/qa/entries/B76/${entryNumber}/advance`, payload: { to: 'paid' }, remoteAddress: '203.0.113.9' })).statusCode, 403);
});

t.test('an AD/CVD summary paid stays paid: its liquidation is suspended (45) until moved on', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const { entryNumber } = await file(mock, summary('1234567'));
  // Made type 03 on file: an AD/CVD summary needs case records a one-line sample does not have.
  const key = { session: 'qa', filer: 'B76', entryNumber };
  const state = mock.entries.get(key)!;
  mock.entries.put(key, { ...state, entryType: '03' }, { exchangeId: '', action: 'test', disposition: '', at: TEST_NOW.toISOString() });
  t.match((await advance(mock, entryNumber, 'paid')).json(), { stage: 'paid', liquidation: { scheduled: false, suspension: '45' } });
  t.match((await advance(mock, entryNumber, 'liquidation-scheduled')).json(), { stage: 'liquidation-scheduled', liquidation: { suspension: null, date: '2027-10-05' } }, 'suspension lifted');
});

t.test('PSC rules read the life: refused before payment (B47, B45), accepted once paid, refused once liquidated (B50)', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const sample = (name: string) => sampleWith(name, '0324592');
  const add = await send(mock, sample('ae-add-for-psc.txt'), { 'x-ace-session': 'qa', accept: 'application/json' });
  const { entryNumber } = add.json().transactions[0];
  const psc = async () => (await send(mock, sample('ae-psc-replace.txt'), { 'x-ace-session': 'qa', accept: 'application/json' })).json().transactions[0];
  t.match(await psc(), { disposition: '998', conditions: [{ code: 'B47' }, { code: 'B45' }] });
  await advance(mock, entryNumber, 'paid');
  t.match(await psc(), { disposition: '996', version: '00200' });
  await advance(mock, entryNumber, 'liquidated');
  t.match((await psc()).conditions.map((c: { code: string }) => c.code), ['B50']);
});

t.test('a scenario step moves the entry on (entry.advanceTo), with the messages; what stops it is told in the reason', async (t) => {
  const { scenarioDir } = await import('../../helpers/scenario-dir.js');
  const dir = scenarioDir({
    'liquidated.yaml': 'id: liquidated-at-once\ntitle: liquidated at once\nsteps:\n  - answer:\n      entry: { advanceTo: liquidated }\n',
  });
  const mock = testMock({ ACE_MOCK_SCENARIOS: dir });
  t.teardown(() => mock.close());
  const first = await send(mock, summary('1234567', { type: '2', printDate: '120126' }), { 'x-ace-session': 'qa', 'x-ace-scenario': 'liquidated-at-once', accept: 'application/json' });
  const tx = first.json().transactions[0];
  t.match(tx, { disposition: '995', reason: /; entry advanced to liquidated$/ });
  // The statement keeps the number of its print date (Daily Statement p. 8), though printed early.
  t.match(await entry(mock, tx.entryNumber), { stage: 'liquidated', statement: { number: '2727335001' }, paidOn: '2026-11-25' });
  t.same(
    (await messages(mock)).map((m) => m.summary),
    ['preliminary statement 2727335001: 1 summary', `courtesy notice of liquidation for B76-${tx.entryNumber}, liquidated 2026-11-25`],
    'printed at once and liquidated; the final statement is due tomorrow',
  );
  const again = await send(mock, summary('1234567', { type: '2', printDate: '120126' }).replace(/^10A/m, '10R'), { 'x-ace-session': 'qa', 'x-ace-scenario': 'liquidated-at-once', accept: 'application/json' });
  t.match(again.json().transactions[0], { disposition: '998' }, 'a liquidated summary refuses a replace (B30)');
});
