import t from 'tap';
import { noticeEffects, requireNoticeEffects } from '../../../src/applications/cargo-release/notice-effects.js';
import { releaseAsOf, schedule } from '../../../src/applications/cargo-release/release-as-of.js';
import { type FiledRelease, NOT_PROCESSED, type ReleaseState } from '../../../src/applications/cargo-release/release-store.js';
import type { Catalog } from '../../../src/catair/catalog.js';
import type { SoFollowUp } from '../../../src/scenarios/format.js';
import type { AceMock } from '../../../src/server.js';
import { catalog, edit, filing, se, seBatch } from '../../helpers/cargo-release.js';
import { aeClean, answerOf, entry, put } from '../../helpers/census.js';
import { TEST_NOW, testMock } from '../../helpers/mock.js';
import { scenarioDir } from '../../helpers/scenario-dir.js';

/**
 * SO notices change the release on file once they are due (notice-effects.ts, release-as-of.ts):
 * what each code means for the release (ACMQ-53..60; schemas/codes `lifecycle`), and the rules that
 * read the release (SE-23..25, SE-41 note 9; ESF 339) seeing a scripted notice from its time on.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(TEST_NOW.getTime() + ms);
const iso = (ms: number) => at(ms).toISOString();
const key = (entryNumber: string) => ({ session: 'B76', filer: 'B76', entryNumber });
const filed = (over: Partial<FiledRelease> = {}): FiledRelease => ({ port: '2704', importer: '12-3456789AB', modeOfTransport: '11', bondType: '8', immediateDelivery: false, weeklyEntry: false, bills: ['12345'], ...over });
const accepted = (over: Partial<ReleaseState> = {}): ReleaseState => ({ status: 'accepted', origin: 'SE', entryType: '01', filed: filed(), firstAcceptedAt: iso(0), lifecycle: NOT_PROCESSED, ...over });
const notice = (over: Partial<SoFollowUp>): SoFollowUp => ({ type: 'SO', after: 0, pga: [], ...over });

t.test('what a notice says, by its codes: SO60 results, release origin, the bill code of its SO50s, PGA statuses by agency', async (t) => {
  t.same(noticeEffects(catalog, notice({ disposition: '98' }), '95'), [{ effect: 'released' }, { effect: 'reviewEnded' }, { effect: 'holdsLifted' }, { effect: 'billMatched' }, { effect: 'arrived' }]);
  t.same(noticeEffects(catalog, notice({ disposition: '98' }), undefined), [{ effect: 'released' }, { effect: 'reviewEnded' }, { effect: 'holdsLifted' }], 'a notice naming no bill says nothing of bills');
  t.same(noticeEffects(catalog, notice({ disposition: ['99', '03'] }), '53'), [{ effect: 'releaseWithdrawn' }, { effect: 'underReview' }, { effect: 'billMatched' }, { effect: 'hold', by: 'CBP' }]);
  t.same(noticeEffects(catalog, notice({ disposition: '22', releaseOrigin: '99' }), undefined), [{ effect: 'released' }, { effect: 'releaseWithdrawn' }], 'release origin 99: release date removed');
  t.same(noticeEffects(catalog, notice({ pga: [{ agency: 'FDA', status: '02', comments: [] }, { agency: 'EP', status: '07', comments: [] }] }), undefined), [{ effect: 'hold', by: 'FDA' }, { effect: 'holdLifted', by: 'EP' }]);
  t.same(noticeEffects(catalog, notice({ disposition: ['01', '70'] }), '57'), [], 'codes that change nothing ace-mock keeps');
  t.doesNotThrow(() => requireNoticeEffects(catalog), 'the shipped lists name known effects');
  const bad = { codes: (name: string) => (name === 'cargo-release-dispositions' ? { codes: ['98'], get: () => ({ title: 'RELEASED', lifecycle: ['freed'] }) } : { codes: [], get: () => undefined }) } as unknown as Catalog;
  t.throws(() => requireNoticeEffects(bad), /cargo-release-dispositions\.yaml: 98 has lifecycle freed/);
});

t.test('releaseAsOf: the changes due by then applied in due order, the later ones kept', async (t) => {
  const state = schedule(accepted(), [
    { at: iso(2 * HOUR), effects: [{ effect: 'released' }, { effect: 'holdsLifted' }] },
    { at: iso(0), effects: [{ effect: 'hold', by: 'FDA' }, { effect: 'billMatched' }] },
  ]);
  t.same(state.scheduled?.map((c) => c.at), [iso(0), iso(2 * HOUR)], 'kept in due order');
  t.same(releaseAsOf(state, at(-1)), state, 'nothing due yet');
  const held = releaseAsOf(state, at(HOUR));
  t.same(held.lifecycle, { ...NOT_PROCESSED, holds: ['FDA'], billMatched: true });
  t.same(held.scheduled?.map((c) => c.at), [iso(2 * HOUR)]);
  const released = releaseAsOf(state, at(2 * HOUR));
  t.same(released.lifecycle, { ...NOT_PROCESSED, billMatched: true, holds: [], releasedAt: iso(2 * HOUR) }, 'released at the time of the notice');
  t.equal(released.scheduled, undefined);
  t.same(releaseAsOf(held, at(2 * HOUR)), released, 'folding in steps or at once comes to the same');
});

t.test('each effect on the release', async (t) => {
  const apply = (state: ReleaseState, ...effects: Parameters<typeof schedule>[1][number]['effects']) => releaseAsOf(schedule(state, [{ at: iso(0), effects }]), TEST_NOW);
  const requested = filed({ bills: ['99999'] });
  const pending = accepted({ requested, lifecycle: { ...NOT_PROCESSED, pendingRequest: 'correction' } });
  t.same(apply(pending, { effect: 'replaced' }).filed, requested, '88: the correction asked for is on file');
  t.same(apply(pending, { effect: 'replaced' }).lifecycle.pendingRequest, undefined);
  t.equal(apply(pending, { effect: 'replaced' }).requested, undefined);
  t.same(apply(pending, { effect: 'requestRejected' }).filed, filed(), '86/87: the filing unchanged');
  t.same(apply(pending, { effect: 'requestRejected' }).lifecycle.pendingRequest, undefined);
  t.match(apply(pending, { effect: 'cancelled' }), { status: 'cancelled', lifecycle: { pendingRequest: undefined } });
  t.same(apply(accepted(), { effect: 'cancellationRequested' }).lifecycle.pendingRequest, 'cancellation');
  const released = apply(accepted(), { effect: 'released' });
  t.equal(apply(released, { effect: 'releaseWithdrawn' }).lifecycle.releasedAt, undefined);
  const holds = apply(accepted(), { effect: 'hold', by: 'CBP' }, { effect: 'hold', by: 'FDA' }, { effect: 'hold', by: 'CBP' });
  t.same(holds.lifecycle.holds, ['CBP', 'FDA'], 'one hold per holder');
  t.same(apply(holds, { effect: 'holdLifted', by: 'FDA' }).lifecycle.holds, ['CBP'], 'lifting one leaves the others');
  t.same(apply(holds, { effect: 'holdsLifted' }).lifecycle.holds, []);
  t.same(apply(accepted(), { effect: 'underReview' }, { effect: 'billMatched' }, { effect: 'arrived' }).lifecycle, { ...NOT_PROCESSED, underReview: true, billMatched: true, arrived: true });
  t.same(apply(apply(accepted(), { effect: 'underReview' }, { effect: 'billMatched' }), { effect: 'reviewEnded' }, { effect: 'billUnmatched' }).lifecycle, NOT_PROCESSED);
});

/** Scenarios that script SO notices on the add (and on a replace), answered by the built-in rules otherwise. */
const SCENARIOS = {
  'released-later.yaml': 'id: released-later\ntitle: released in 2h\napplication: SE\nsteps:\n  - when: { action: A }\n    answer:\n      followUps: [{ type: SO, after: 2h, disposition: "98", bill: "95" }]\n  - answer: {}\n',
  'fda-hold.yaml': 'id: fda-hold\ntitle: FDA hold, may proceed in 1h\napplication: SE\nsteps:\n  - when: { action: A }\n    answer:\n      followUps:\n        - { type: SO, after: 0, bill: "91", pga: [{ agency: FDA, status: "02" }] }\n        - { type: SO, after: 1h, bill: "91", pga: [{ agency: FDA, status: "07" }] }\n  - answer: {}\n',
  'cancelled-later.yaml': 'id: cancelled-later\ntitle: cancelled by CBP in 1h\napplication: SE\nsteps:\n  - when: { action: A }\n    answer:\n      followUps: [{ type: SO, after: 1h, disposition: "23", bill: "91" }]\n  - answer: {}\n',
  'correction-approved.yaml':
    'id: correction-approved\ntitle: released, correction approved in 1h\napplication: SE\nsteps:\n  - when: { action: A }\n    answer:\n      followUps: [{ type: SO, after: 0, disposition: "98" }]\n  - when: { action: R }\n    answer:\n      followUps: [{ type: SO, after: 1h, disposition: "88" }]\n  - answer: {}\n',
};

type Test = Pick<typeof t, 'teardown'>;
/** An ace-mock with those scenarios whose clock the test moves. */
function clocked(t: Test): { m: AceMock; now: { ms: number } } {
  const now = { ms: 0 };
  const m = testMock({ ACE_MOCK_SCENARIOS: scenarioDir(SCENARIOS) }, () => at(now.ms));
  t.teardown(() => m.close());
  return { m, now };
}
const se90s = (out: readonly string[]) => out.filter((r) => r.startsWith('SE90')).map((r) => `${r.slice(4, 6)} ${r.slice(6, 9).trim()}`.trim());
const withImmediateDelivery = (details: readonly string[]) => [details[0] as string, se('SE11', { immediateDelivery: 'Y' }), ...details.slice(1)];
const updateAskingImmediateDelivery = (n: string) => [filing(n, 'U')[0] as string, se('SE11', { immediateDelivery: 'Y' }), filing(n)[1] as string];
const cancel = (n: string) => edit(filing(n, 'D').slice(0, 2), 'SE13', { reasonCode: '01' });

t.test('a scripted release (SO 98, bills 95) counts from its time on: before it a replace is taken at once and immediate delivery may be asked; after it, no replace (M16), no immediate delivery (M61), a cancel is a request, updates for 15 days (SE-23..25, SE-41 note 9)', async (t) => {
  const { m, now } = clocked(t);
  const n = entry(480940);
  const other = entry(480945);
  const scenario = { 'x-ace-scenario': 'released-later' };
  t.same(se90s(await answerOf(m, seBatch(filing(n)), scenario)), ['02']);
  t.same(se90s(await answerOf(m, seBatch(filing(other)), scenario)), ['02']);
  now.ms = HOUR;
  t.same(m.releases.release(key(n), at(now.ms))?.lifecycle, NOT_PROCESSED, 'not yet due');
  t.same(se90s(await answerOf(m, seBatch(filing(n, 'R')), scenario)), ['02'], 'a replace before any bill match is taken at once');
  t.same(se90s(await answerOf(m, seBatch(updateAskingImmediateDelivery(other)), scenario)), ['02'], 'immediate delivery may still be asked for');
  now.ms = 3 * HOUR;
  t.match(m.releases.release(key(n), at(now.ms))?.lifecycle, { releasedAt: iso(2 * HOUR), arrived: true, billMatched: true }, "released and arrived at the notice's time");
  t.same(se90s(await answerOf(m, seBatch(filing(n, 'R')), scenario)), ['11 M16', '01'], 'no replace once arrived and released');
  t.same(se90s(await answerOf(m, seBatch(updateAskingImmediateDelivery(n)), scenario)), ['11 M61', '01'], 'no immediate delivery asked for after release');
  t.same(se90s(await answerOf(m, seBatch(filing(n, 'U').filter((r) => /^SE1[035]/.test(r))), scenario)), ['02'], 'an update within 15 days of release');
  now.ms = 2 * HOUR + 16 * DAY;
  t.same(se90s(await answerOf(m, seBatch(filing(n, 'U').filter((r) => /^SE1[035]/.test(r))), scenario)), ['11 M17', '01'], "15 days counted from the notice's release");
  t.same(se90s(await answerOf(m, seBatch(cancel(n)), scenario)), ['04'], 'a cancel of a released entry is a request');
});

t.test('an agency hold is a review pending until the agency lets the goods go (SO70 02, then 07; SE-23)', async (t) => {
  const { m, now } = clocked(t);
  const held = entry(480941);
  const scenario = { 'x-ace-scenario': 'fda-hold' };
  await answerOf(m, seBatch(filing(held)), scenario);
  t.same(m.releases.release(key(held), at(now.ms))?.lifecycle.holds, ['FDA']);
  t.same(se90s(await answerOf(m, seBatch(filing(held, 'R')), scenario)), ['04'], 'a replace under the hold is a correction request');
  const free = entry(480942);
  await answerOf(m, seBatch(filing(free)), scenario);
  now.ms = HOUR;
  t.same(m.releases.release(key(free), at(now.ms))?.lifecycle.holds, [], 'FDA 07 MAY PROCEED lifts its hold');
  t.same(se90s(await answerOf(m, seBatch(filing(free, 'R')), scenario)), ['02'], 'the replace is taken at once');
});

t.test('a cancellation by CBP (SO 23) leaves the entry cancelled from the notice\'s time (SE-17)', async (t) => {
  const { m, now } = clocked(t);
  const n = entry(480943);
  const scenario = { 'x-ace-scenario': 'cancelled-later' };
  await answerOf(m, seBatch(withImmediateDelivery(filing(n))), scenario);
  now.ms = 2 * HOUR;
  t.equal(m.releases.release(key(n), at(now.ms))?.status, 'cancelled');
  t.same(se90s(await answerOf(m, seBatch(filing(n, 'R')), scenario)), ['11 M15', '01']);
  t.same(se90s(await answerOf(m, seBatch(filing(n)), scenario)), ['11 007', '01'], 'its number is not used again');
  const summary = aeClean(n, 'A')
    .split('\n')
    .map((l) => (l.startsWith('10') ? put(l, 40, 'A') : l))
    .join('\n');
  const ae = await answerOf(m, summary);
  t.notOk(ae.some((r) => r.startsWith('E1 F339')), 'the entry summary reads the release as cancelled: its immediate delivery request no longer stands in the way (339)');
});

t.test('a correction request approved by CBP (SO 88) puts the replace on file; until then it is pending (M18) (SE-23)', async (t) => {
  const { m, now } = clocked(t);
  const n = entry(480944);
  const scenario = { 'x-ace-scenario': 'correction-approved' };
  await answerOf(m, seBatch(filing(n)), scenario);
  const corrected = edit(filing(n, 'R'), 'SE15', { billNumber: '99999' });
  t.same(se90s(await answerOf(m, seBatch(corrected), scenario)), ['04'], 'released: the replace is a correction request');
  t.same(m.releases.release(key(n), at(now.ms))?.filed.bills, ['12345'], 'the filing on file unchanged while pending');
  t.same(se90s(await answerOf(m, seBatch(corrected), scenario)), ['11 M18', '01']);
  now.ms = HOUR;
  const onFile = m.releases.release(key(n), at(now.ms));
  t.same(onFile?.filed.bills, ['99999'], 'the correction is on file');
  t.equal(onFile?.lifecycle.pendingRequest, undefined, 'and decided');
  t.ok(onFile?.filed.records?.some((r) => r.startsWith('SE15RMAEU99999')), 'with its records');
});
