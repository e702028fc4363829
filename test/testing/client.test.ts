import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { AceMockRequestError, expectAccepted, expectRejected, start } from '../../src/testing/index.js';
import { scenarioDir } from '../helpers/scenario-dir.js';

/** ace-mock/testing's client against a mock it started in this process: the calls QA's tests make. */
const samples = fileURLToPath(new URL('../../scenarios/samples/', import.meta.url));
const sample = (file: string) => readFileSync(samples + file, 'latin1');
const addOneLine = sample('ae-add-1-line.txt');

const mock = await start();
t.teardown(() => mock.close());

t.test('start() serves on loopback; send answers decoded, by session, with the scenario asked for', async (t) => {
  t.match(mock.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const first = await mock.send(addOneLine, { session: 'send-a' });
  t.equal(first.outcome, 'accepted');
  t.equal(first.transactions[0]?.disposition, '995', 'an add');
  t.equal(first.decoded.input[2]?.layout, '10', 'the input decoded record by record');
  t.ok(first.decoded.output.length > 0, 'the output decoded');
  t.equal((await mock.send(Buffer.from(addOneLine, 'latin1'), { session: 'send-a' })).transactions[0]?.disposition, '996', 'bytes too; the same session has the entry on file');
  t.equal((await mock.send(addOneLine, { session: 'send-b' })).transactions[0]?.disposition, '995', 'another session does not');
  const scripted = await mock.send(addOneLine, { session: 'send-c', scenario: 'importer-unknown' });
  t.same(scripted.transactions[0]?.conditions.map((c) => c.code), ['101']);
  t.equal(await mock.sample('ae-add-1-line.txt'), addOneLine, 'sample() reads the shipped samples through the API');
});

t.test('arm takes count transactions of the session; reset forgets its entries', async (t) => {
  const armed = await mock.arm('importer-unknown', { session: 'arm', count: 2 });
  t.match(armed, { session: 'arm', scenario: 'importer-unknown', remaining: 2 });
  expectRejected(await mock.send(addOneLine, { session: 'arm' }), { condition: '101' });
  expectRejected(await mock.send(addOneLine, { session: 'arm' }), { condition: '101' });
  const accepted = await mock.send(addOneLine, { session: 'arm' });
  expectAccepted(accepted);
  t.equal(accepted.transactions[0]?.disposition, '995');
  t.equal((await mock.send(addOneLine, { session: 'arm' })).transactions[0]?.disposition, '996', 'on file now');
  await mock.reset('arm');
  t.equal((await mock.send(addOneLine, { session: 'arm' })).transactions[0]?.disposition, '995', 'forgotten by the reset');
});

t.test('setClock, advanceClock and clock move and read the session clock', async (t) => {
  const set = await mock.setClock('2027-01-15T09:00:00Z', { session: 'clock' });
  t.match(set, { session: 'clock', moved: true });
  t.match(set.now, /^2027-01-15T09:00/);
  t.match((await mock.advanceClock('P30D', { session: 'clock' })).now, /^2027-02-14T09:00/);
  t.match((await mock.clock('clock')).now, /^2027-02-14/);
  t.equal((await mock.clock('other')).moved, false, 'other sessions keep real time');
  await mock.reset('clock');
  t.equal((await mock.clock('clock')).moved, false, 'a reset puts the clock back');
  await t.rejects(mock.advanceClock('thirty days', { session: 'clock' }), { name: 'AceMockRequestError', status: 400, message: /bad-clock|ISO 8601 duration/ });
});

t.test('nextMessage returns each message once, in order, and says what it waited for', async (t) => {
  const session = 'messages';
  await mock.arm('cr-fda-hold-then-release', { session });
  expectAccepted(await mock.send(sample('se-add.txt'), { session }));
  const hold = await mock.nextMessage({ session, timeout: 2000 });
  t.equal(hold.records[0]?.slice(10, 12), 'SO', 'the SO notice due at once');
  const waiting = await t.rejects(mock.nextMessage({ session, timeout: 300 }), AceMockRequestError);
  const error = waiting as unknown as Error;
  t.match(error.message, `no message for session "${session}" within 300 ms (awaited the next one after seq ${hold.seq})`);
  t.match(error.message, /one is scheduled for \d{4}-.* by the session's clock: move the clock on/);
  // Waiting, then the clock moves: the long poll hands the release over.
  const released = mock.nextMessage({ session, timeout: 10_000 });
  await mock.advanceClock('PT3H', { session });
  const release = await released;
  t.ok(release.seq > hold.seq, 'the next one');
  t.match(release.records.join('\n'), /^SO60/m);
  await t.rejects(mock.nextMessage({ session, timeout: 200 }), { message: /none is scheduled/ });
  await mock.reset(session);
  await mock.arm('cr-fda-hold-then-release', { session });
  await mock.send(sample('se-add.txt'), { session });
  t.equal((await mock.nextMessage({ session, timeout: 2000 })).records[0]?.slice(10, 12), 'SO', 'after a reset the session starts over');
});

t.test('certificationReport gates CI on the rehearsal: a repeated error in a session is reported, a bad query throws', async (t) => {
  const session = 'cert-kit';
  await mock.setClock('2026-11-25T14:00:00Z', { session });
  const bad = sample('ae-bad-check-digit.txt');
  for (const day of ['25', '26']) {
    await mock.setClock(`2026-11-${day}T14:00:00Z`, { session });
    expectRejected(await mock.send(bad, { session }), { condition: 'B16' });
  }
  const report = await mock.certificationReport({ filer: 'B76', session, application: 'entry-summary' });
  t.equal(report.wouldPass, false);
  t.match(report.programs[0]?.repeatedErrors[0], { code: 'B16', field: 'entryNumber', transactions: 2, repetitive: true });
  await t.rejects(mock.certificationReport({ plan: 'nope' }), { name: 'AceMockRequestError', message: /no certification plan "nope"/ });
});

t.test('a refused call throws what ace-mock said', async (t) => {
  await t.rejects(mock.arm('no-such-scenario', { session: 'refused' }), {
    name: 'AceMockRequestError',
    status: 404,
    message: /POST http:\/\/127\.0\.0\.1:\d+\/v1\/admin\/arm answered 404: No such scenario: No scenario "no-such-scenario" is loaded/,
  });
  await t.rejects(mock.send('{"not": "catair"}'), { name: 'AceMockRequestError', status: 400, problem: { type: 'urn:ace-mock:problem:not-catair' } });
});

t.test('start() takes a scenario folder and settings; close() stops it and removes its database', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'ace-mock-kit-tmp-'));
  const scenarios = scenarioDir({ 'own.yaml': 'id: own-rejection\ntitle: Own\nsteps:\n  - answer:\n      conditions:\n        - code: "102"\n' });
  const savedTmp = process.env['TMPDIR'];
  process.env['TMPDIR'] = folder;
  t.teardown(() => {
    if (savedTmp === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = savedTmp;
    rmSync(folder, { recursive: true, force: true });
    rmSync(scenarios, { recursive: true, force: true });
  });
  const own = await start({ scenarios, env: { ACE_MOCK_ADMIN_TOKEN: 'a-token-of-16-characters' } });
  const [databaseFolder] = readdirSync(folder);
  t.ok(databaseFolder !== undefined && existsSync(join(folder, databaseFolder, 'ace-mock.db')), 'its database in a temporary folder of its own');
  await t.rejects(own.arm('importer-unknown', { session: 'own' }), { name: 'AceMockRequestError', status: 404 }, 'only the given scenarios');
  await own.arm('own-rejection', { session: 'own' }); // the server's admin token, passed on by start()
  expectRejected(await own.send(addOneLine, { session: 'own' }), { condition: '102' });
  await own.close();
  t.same(readdirSync(folder), [], 'the database is gone');
  await t.rejects(own.send(addOneLine), { message: /is ace-mock serving HTTP at http:\/\/127\.0\.0\.1:\d+\?/ }, 'and so is the server');
  await own.close();
  t.pass('closing twice is harmless');
});
