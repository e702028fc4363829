import t from 'tap';
import { writeReleaseAnswer } from '../../../src/applications/cargo-release/answer.js';
import { NOT_PROCESSED, type ReleaseState } from '../../../src/applications/cargo-release/release-store.js';
import type { AceMock } from '../../../src/server.js';
import { catalog, edit, filing, fixtureDetails, se, seBatch, txOf } from '../../helpers/cargo-release.js';
import { aeClean, aeDelete, answerOf, entry, put } from '../../helpers/census.js';
import { send, TEST_NOW, testMock } from '../../helpers/mock.js';
import { scenarioDir } from '../../helpers/scenario-dir.js';

/**
 * The Cargo Release application end to end (HTTP): the SX answer's form (SE-18, SE-26..27, SE-83),
 * the actions table against the entry's release (SE-17, SE-23..25, SE-32..33) and the entry it
 * shares with the entry summary (ESF-35 note 5, ESF-41, SE-41 note 9; dictionary B67, 339).
 */

type Test = Pick<typeof t, 'teardown'>;
function mock(t: Test): AceMock {
  const m = testMock();
  t.teardown(() => m.close());
  return m;
}
const key = (entryNumber: string) => ({ session: 'B76', filer: 'B76', entryNumber });
/** The SE90 records of an answer, as type/code/narrative. */
const se90s = (out: readonly string[]) => out.filter((r) => r.startsWith('SE90')).map((r) => `${r.slice(4, 6)} ${r.slice(6, 9).trim()} ${r.slice(9, 49).trim()}`.replace('  ', ' '));
const last = (out: readonly string[]) => se90s(out).at(-1);
/** Marks the release on file as CBP's processing would. */
function mark(m: AceMock, entryNumber: string, lifecycle: Partial<ReleaseState['lifecycle']>, over: Partial<ReleaseState> = {}): void {
  const on = m.releases.release(key(entryNumber), TEST_NOW) as ReleaseState;
  m.releases.putRelease(key(entryNumber), { ...on, ...over, lifecycle: { ...on.lifecycle, ...lifecycle } }, { exchangeId: 'test', action: 'test', disposition: '', at: TEST_NOW.toISOString() });
}
const daysAgo = (n: number) => new Date(TEST_NOW.getTime() - n * 86_400_000).toISOString();

t.test('the SX answer: SE10 and every SE15 echoed, each record in error echoed with its SE90s, the message-level SE90 last', async (t) => {
  const m = mock(t);
  const ok = await answerOf(m, seBatch(fixtureDetails('split-example-2.txt')));
  t.same(ok.map((r) => r.slice(0, 4)), ['SE10', 'SE15', 'SE15', 'SE15', 'SE90']);
  t.equal(ok[0], fixtureDetails('split-example-2.txt')[0], 'echoed as sent');
  t.same(se90s(ok), ['02 SE DATA ACCEPTED']);
  const bad = edit(edit(filing(entry(480911)), 'SE13', { contactPhone: '' }), 'SE60', { hts: '' });
  const out = await answerOf(m, seBatch(bad));
  t.same(out.map((r) => r.slice(0, 4)), ['SE10', 'SE13', 'SE90', 'SE15', 'SE60', 'SE90', 'SE90']);
  t.same(se90s(out), ['11 M10 MANDATORY DATA MISSING', '11 M10 MANDATORY DATA MISSING', '01 SE DATA REJECTED']);
  t.ok(out.every((r) => r.length === 80));
});

t.test('nine SE90s at most after one record (SE-26..27)', async (t) => {
  const tx = txOf(filing(entry(480912)));
  const ten = Array.from({ length: 10 }, () => ({ code: 'M10', record: tx.header }));
  const { records } = writeReleaseAnswer(catalog, 'SX', tx, ten, '01');
  t.equal(records.filter((r) => r.startsWith('SE9011')).length, 9);
});

t.test('add, add again (007), cancel (02, cancelled), then no replace (M15) and no new add (007) (SE-17)', async (t) => {
  const m = mock(t);
  const n = entry(480913);
  t.equal(last(await answerOf(m, seBatch(filing(n)))), '02 SE DATA ACCEPTED');
  t.same(se90s(await answerOf(m, seBatch(filing(n)))), ['11 007 ENTRY NUMBER ALREADY ON FILE', '01 SE DATA REJECTED']);
  const cancel = edit(filing(n, 'D').slice(0, 2), 'SE13', { reasonCode: '01' });
  t.equal(last(await answerOf(m, seBatch(cancel))), '02 SE DATA ACCEPTED');
  t.equal(m.releases.release(key(n), TEST_NOW)?.status, 'cancelled');
  t.same(se90s(await answerOf(m, seBatch(filing(n, 'R')))), ['11 M15 ENTRY CANCELLED - ACTION NOT ALLOWED', '01 SE DATA REJECTED']);
  t.same(se90s(await answerOf(m, seBatch(filing(n)))), ['11 007 ENTRY NUMBER ALREADY ON FILE', '01 SE DATA REJECTED']);
  t.same(se90s(await answerOf(m, seBatch(filing(entry(480914), 'R')))), ['11 008 ENTRY NUMBER NOT ON FILE', '01 SE DATA REJECTED']);
});

t.test('replace: at once before any bill match (02); a correction request under review (04), then refused until decided (M18); refused once arrived and released (M16)', async (t) => {
  const m = mock(t);
  const n = entry(480915);
  await answerOf(m, seBatch(filing(n)));
  t.equal(last(await answerOf(m, seBatch(edit(filing(n, 'R'), 'SE10', { estimatedValue: '13000' })))), '02 SE DATA ACCEPTED');
  mark(m, n, { underReview: true });
  t.equal(last(await answerOf(m, seBatch(filing(n, 'R')))), '04 SE DATA REFERRED TO CBP FOR REVIEW');
  t.equal(m.releases.release(key(n), TEST_NOW)?.lifecycle.pendingRequest, 'correction');
  t.same(se90s(await answerOf(m, seBatch(filing(n, 'R')))), ['11 M18 REQUEST PENDING CBP DECISION', '01 SE DATA REJECTED'], 'CSMS #15-000938');
  mark(m, n, { underReview: false, pendingRequest: undefined, arrived: true, releasedAt: daysAgo(1) });
  t.same(se90s(await answerOf(m, seBatch(filing(n, 'R')))), ['11 M16 REPLACE NOT ALLOWED - CARGO RELEASED', '01 SE DATA REJECTED']);
  t.equal(last(await answerOf(m, seBatch(filing(n, 'U').filter((r) => /^SE1[035]/.test(r))))), '02 SE DATA ACCEPTED', 'an update still goes through');
  mark(m, n, { releasedAt: daysAgo(16) });
  t.same(se90s(await answerOf(m, seBatch(filing(n, 'U').filter((r) => /^SE1[035]/.test(r))))), ['11 M17 UPDATE NOT ALLOWED - 15 DAYS AFTER RLSE', '01 SE DATA REJECTED']);
});

t.test('cancel after a bill match: a cancellation request (04), the entry still on file (SE-24)', async (t) => {
  const m = mock(t);
  const n = entry(480916);
  await answerOf(m, seBatch(filing(n)));
  mark(m, n, { billMatched: true });
  const cancel = edit(filing(n, 'D').slice(0, 2), 'SE13', { reasonCode: '08' });
  t.equal(last(await answerOf(m, seBatch(cancel))), '04 SE DATA REFERRED TO CBP FOR REVIEW');
  t.equal(m.releases.release(key(n), TEST_NOW)?.status, 'accepted');
  t.equal(m.releases.release(key(n), TEST_NOW)?.lifecycle.pendingRequest, 'cancellation');
});

t.test('an update changes the port of entry and the bills on file (SE-25)', async (t) => {
  const m = mock(t);
  const n = entry(480917);
  await answerOf(m, seBatch(filing(n)));
  const update = [...edit(filing(n, 'U'), 'SE10', { plannedPortOfEntry: '2809' }).slice(0, 2), se('SE15', { billType: 'R', issuerCode: 'MAEU', billNumber: 'MAEU99999', nonAms: 'N' })];
  t.equal(last(await answerOf(m, seBatch(update))), '02 SE DATA ACCEPTED');
  t.same(m.releases.release(key(n), TEST_NOW)?.filed.port, '2809');
  t.same(m.releases.release(key(n), TEST_NOW)?.filed.bills, ['MAEU99999']);
});

/** The sample entry summary of an entry, certifying for cargo release (10 record position 40 = A) or not. */
const summary = (n: string, certify: boolean, action = 'A') =>
  aeClean(n, action)
    .split('\n')
    .map((l) => (l.startsWith('10') && certify ? put(l, 40, 'A') : l))
    .join('\n');

t.test('an update refreshes the filing kept on file: port, SE11 transport data, bills and the references it resends; parties and lines kept (SE-25, SE-33 note 1, SE-40 note 4)', async (t) => {
  const scenarios = scenarioDir({ 'so-notices.yaml': 'id: so-notices\ntitle: notices\napplication: SE\nsteps:\n  - when: { action: U }\n    answer:\n      followUps: [{ type: SO, after: 0, bill: "91" }]\n  - when: { action: D }\n    answer:\n      followUps: [{ type: SO, after: 0, disposition: "23" }]\n  - answer: {}\n' });
  const m = testMock({ ACE_MOCK_SCENARIOS: scenarios });
  t.teardown(() => m.close());
  const n = entry(480925);
  const add = [...filing(n).slice(0, 3), se('SE20', { qualifier: 'CR', reference: 'OLDREF' }), ...filing(n).slice(3)];
  t.equal(last(await answerOf(m, seBatch(add))), '02 SE DATA ACCEPTED');
  const update = [
    edit(filing(n, 'U'), 'SE10', { plannedPortOfEntry: '2809' })[0] as string,
    se('SE11', { locationOfGoods: 'Y123', conveyanceOrFtz: 'EVER GIVEN', voyage: '123E' }),
    filing(n)[1] as string,
    se('SE15', { billType: 'R', issuerCode: 'MAEU', billNumber: 'MAEU99999', quantity: '100', nonAms: 'N' }),
    se('SE20', { qualifier: 'CR', reference: 'NEWREF' }),
  ];
  t.equal(last(await answerOf(m, seBatch(update), { 'x-ace-scenario': 'so-notices' })), '02 SE DATA ACCEPTED');
  const notices = () => (m.db.prepare('SELECT records FROM outbox ORDER BY rowid').all() as { records: string }[]).map((row) => JSON.parse(row.records) as string[]);
  const updateNotice = notices()[0] ?? [];
  t.same(updateNotice.filter((r) => /^SO[34]0/.test(r)).map((r) => r.slice(0, 4)), ['SO30', 'SO40'], "the update's notice repeats the line on file and the new bill (ACMQ-49..50)");
  const kept = m.releases.release(key(n), TEST_NOW)?.filed.records ?? [];
  t.same(kept.map((r) => r.slice(0, 4)), ['SE10', 'SE11', 'SE13', 'SE15', 'SE20', 'SE30', 'SE35', 'SE36', 'SE30', 'SE35', 'SE36', 'SE30', 'SE40', 'SE50', 'SE55', 'SE56', 'SE60']);
  t.equal(kept[0], edit([add[0] as string], 'SE10', { plannedPortOfEntry: '2809' })[0], "the add's SE10 with the new port");
  t.equal(kept[1], update[1], "the update's SE11");
  t.same([kept[3], kept[4]], [update[3], update[4]], 'the new bill; the CR reference sent again replaces the one on file');
  t.same(kept.slice(5), add.slice(4), 'parties and lines as added');
  const cancel = edit(edit(filing(n, 'D').slice(0, 2), 'SE13', { reasonCode: '01' }), 'SE10', { plannedPortOfEntry: '2809' });
  t.equal(last(await answerOf(m, seBatch(cancel), { 'x-ace-scenario': 'so-notices' })), '02 SE DATA ACCEPTED');
  const notice = notices()[1] ?? [];
  const so10 = notice.find((r) => r.startsWith('SO10')) ?? '';
  t.same([so10.slice(4, 8), so10.slice(40, 60).trim(), so10.slice(60, 65).trim()], ['2809', 'EVER GIVEN', '123E'], "the cancel's notice: the updated port and conveyance (ACMQ-45)");
  t.same(notice.filter((r) => r.startsWith('SO40')).map((r) => r.slice(9, 59).trim()), ['MAEU99999'], 'the updated bill (ACMQ-50)');
  t.same(notice.filter((r) => r.startsWith('SO20')).map((r) => r.slice(7, 57).trim()), ['NEWREF'], 'the updated reference (ACMQ-47)');
});

t.test("an update's SE11 restates the immediate delivery request: taken back before release and summary, a summary may then certify (SE-41 note 9, 339)", async (t) => {
  const m = mock(t);
  const n = entry(480926);
  const withId = [filing(n)[0] as string, se('SE11', { immediateDelivery: 'Y' }), ...filing(n).slice(1)];
  t.equal(last(await answerOf(m, seBatch(withId))), '02 SE DATA ACCEPTED');
  const update = [filing(n, 'U')[0] as string, se('SE11', { locationOfGoods: 'Y123' }), filing(n)[1] as string];
  t.equal(last(await answerOf(m, seBatch(update))), '02 SE DATA ACCEPTED');
  t.equal(m.releases.release(key(n), TEST_NOW)?.filed.immediateDelivery, false);
  t.match((await answerOf(m, summary(n, true))).at(-1), /^E1A 995/, 'no 339: the release on file no longer asks for immediate delivery');
});

t.test('a summary certified for cargo release files the entry\'s release: an SE add of the number is 007, a replace acts on it (ESF-35 note 5, ESF-41, SE-17)', async (t) => {
  const m = mock(t);
  const n = entry(480918);
  t.match((await answerOf(m, summary(n, true))).at(-1), /^E1A 995/);
  t.match(m.releases.release(key(n), TEST_NOW), { status: 'accepted', origin: 'AE', entryType: '01', filed: { port: '2704', importer: '12-3456789AB', bills: ['00112345675'] } });
  t.same(se90s(await answerOf(m, seBatch(filing(n)))), ['11 007 ENTRY NUMBER ALREADY ON FILE', '01 SE DATA REJECTED']);
  t.equal(last(await answerOf(m, seBatch(filing(n, 'R')))), '02 SE DATA ACCEPTED');
  t.equal(m.releases.release(key(n), TEST_NOW)?.origin, 'AE');
  const plain = entry(480919);
  await answerOf(m, summary(plain, false));
  t.equal(m.releases.release(key(plain), TEST_NOW), undefined, 'a summary that does not certify files no release');
  t.equal(last(await answerOf(m, seBatch(filing(plain)))), '02 SE DATA ACCEPTED', 'its entry may then be filed in SE');
  t.equal(m.entries.get(key(plain))?.status, 'accepted', 'one entry, two filings');
});

t.test('an entry summary for an entry whose release is on file: 339 when the release asked for immediate delivery, B67 for a withdrawal (SE-41 note 9; dictionary)', async (t) => {
  const m = mock(t);
  const n = entry(480920);
  const withId = [filing(n)[0] as string, se('SE11', { immediateDelivery: 'Y' }), ...filing(n).slice(1)];
  t.equal(last(await answerOf(m, seBatch(withId))), '02 SE DATA ACCEPTED');
  const ae = await answerOf(m, summary(n, true));
  t.ok(ae.some((r) => r.startsWith('E1 F339')), '339 CARGO RLSE CERT NOT ALLOWED-IMMED DELVRY');
  t.match((await answerOf(m, summary(n, false))).at(-1), /^E1A 995/, 'the two-step filing: the summary without certifying');
  const withdrawal = entry(480921);
  await answerOf(m, seBatch(filing(withdrawal)));
  const ae31 = await answerOf(m, summary(withdrawal, false).replace(/^(10A.{30})01/m, '$131'));
  t.ok(ae31.some((r) => r.startsWith('E1 FB67')), 'B67 ES TYPE - CARGO RELEASE CONFLICT');
});

t.test('with the entry summary on file: no port change (M63, SE-33), no new immediate delivery request (M61, SE-41 note 9)', async (t) => {
  const m = mock(t);
  const n = entry(480922);
  await answerOf(m, seBatch(filing(n)));
  await answerOf(m, summary(n, false));
  const moved = edit(filing(n, 'R'), 'SE10', { plannedPortOfEntry: '2809' });
  t.same(se90s(await answerOf(m, seBatch(moved))), ['11 M63 PORT CHANGE - ENTRY SUMMARY ON FILE', '01 SE DATA REJECTED']);
  const withId = [filing(n, 'R')[0] as string, se('SE11', { immediateDelivery: 'Y' }), ...filing(n, 'R').slice(1)];
  t.same(se90s(await answerOf(m, seBatch(withId))), ['11 M61 IMMEDIATE DELIVERY NOT ALLOWED', '01 SE DATA REJECTED']);
  await answerOf(m, aeDelete(n));
  t.equal(last(await answerOf(m, seBatch(moved))), '02 SE DATA ACCEPTED', 'after the summary is deleted (SE-33 step 2)');
});

t.test('the JSON answer decodes echoed SE records with the SE layouts and lists the conditions', async (t) => {
  const m = mock(t);
  const res = await send(m, seBatch(edit(filing(entry(480923)), 'SE13', { contactPhone: '' })), { accept: 'application/json' });
  const body = JSON.parse(res.body) as { decoded: { output: { layout?: string }[] }; transactions: { disposition: string; conditions: { code: string; reference: string; field?: string }[] }[] };
  t.same(body.decoded.output.map((r) => r.layout).slice(2, 6), ['SE.SE10', 'SE.SE13', 'SX.SE90', 'SE.SE15']);
  t.match(body.transactions[0], { disposition: '01', conditions: [{ code: 'M10', reference: 'SE13', field: 'contactPhone' }] });
});

t.test('releases live on the entry row: a reset session forgets them', async (t) => {
  const m = mock(t);
  const n = entry(480924);
  await answerOf(m, seBatch(filing(n)));
  t.ok(m.releases.release(key(n), TEST_NOW));
  t.equal(m.entries.get(key(n)), undefined, 'no summary on file for a release-only entry');
  await m.http.inject({ method: 'POST', url: '/v1/admin/sessions/B76/reset' });
  t.equal(m.releases.release(key(n), TEST_NOW), undefined);
  t.same({ ...NOT_PROCESSED }, { underReview: false, billMatched: false, arrived: false, holds: [] });
});
