import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { entryCheckDigit } from '../../src/catair/check-digit.js';
import { scenarioJsonSchema } from '../../src/scenarios/json-schema.js';
import { send, testMock } from '../helpers/mock.js';
import { scenarioDir } from '../helpers/scenario-dir.js';
import { sampleWith } from '../helpers/transmission.js';

t.test('50 concurrent transmissions for one entry leave one consistent history', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const body = sampleWith('ae-add-1-line.txt', '0600001');
  const answers = await Promise.all(Array.from({ length: 50 }, () => send(mock, body)));
  t.ok(answers.every((a) => a.statusCode === 200));
  const finals = answers.map((a) => a.body.split('\n').find((l) => l.startsWith('E1A'))?.slice(4, 7));
  t.equal(finals.filter((f) => f === '995').length, 1, 'exactly one add');
  t.equal(finals.filter((f) => f === '996').length, 49, 'and 49 replaces');
  const history = mock.db.prepare("SELECT version, disposition FROM entry_history WHERE entry_number LIKE '0600001%' ORDER BY id").all() as { version: number; disposition: string }[];
  t.same(
    history.map((h) => h.disposition),
    ['995', ...Array.from({ length: 49 }, () => '996')],
    'one history row per accepted exchange, the add first: none lost, none doubled',
  );
  t.ok(history.every((h) => h.version === 100), 'version 00100 throughout (ESF-206 note 5: not on a statement)');
  const entry = mock.db.prepare("SELECT version FROM entries WHERE entry_number LIKE '0600001%'").get() as { version: number };
  t.equal(entry.version, 100);
  const journaled = (mock.db.prepare("SELECT count(*) AS n FROM exchange_entries WHERE entry_number LIKE '0600001%'").get() as { n: number }).n;
  t.equal(journaled, 50, 'every exchange journaled');
});

t.test('hot reload: a change is swapped in; a bad change keeps the previous set and is reported', async (t) => {
  const dir = scenarioDir({ 'a.yaml': 'id: a\ntitle: A\nsteps:\n  - answer:\n      conditions: [{ code: "101" }]\n' });
  const mock = testMock({ ACE_MOCK_SCENARIOS: dir, ACE_MOCK_WATCH: '1' });
  t.teardown(() => mock.close());
  const list = async () => (await mock.http.inject({ url: '/v1/admin/scenarios' })).json();
  t.same((await list()).scenarios.map((s: { id: string }) => s.id), ['a']);
  writeFileSync(join(dir, 'b.yaml'), 'id: b\ntitle: B\nsteps:\n  - answer: {}\n');
  let ids: string[] = [];
  for (let i = 0; i < 50 && ids.length < 2; i++) {
    await sleep(100);
    ids = (await list()).scenarios.map((s: { id: string }) => s.id);
  }
  t.same(ids, ['a', 'b'], 'the new file was picked up by the watcher');
  writeFileSync(join(dir, 'b.yaml'), 'id: b\ntitle: B\nsteps: nope\n');
  let errors: { file: string; line: number; message: string }[] = [];
  for (let i = 0; i < 50 && errors.length === 0; i++) {
    await sleep(100);
    errors = (await list()).errors;
  }
  t.match(errors, [{ file: /b\.yaml$/, line: 3, message: /steps/ }], 'the bad change is reported with its line');
  t.same((await list()).scenarios.map((s: { id: string }) => s.id), ['a', 'b'], 'the previous set stays in force');
  writeFileSync(join(dir, 'b.yaml'), 'id: b\ntitle: B fixed\nsteps:\n  - answer: {}\n');
  const reloaded = (await mock.http.inject({ method: 'POST', url: '/v1/admin/scenarios/reload' })).json();
  t.match(reloaded, { applied: true, count: 2, errors: [] });
});

t.test('a scripted delay holds the answer back; follow-ups reach /v1/messages when due', async (t) => {
  const dir = scenarioDir({
    'slow.yaml': 'id: slow\ntitle: Slow\nsteps:\n  - answer:\n      delay: 300\n',
    'uc.yaml':
      'id: uc\ntitle: UC after acceptance\nsteps:\n  - answer:\n      followUps:\n        - { after: 400, disposition: "2", remarks: ["PLEASE SEND THE ENTRY SUMMARY PACKAGE"] }\n',
  });
  const mock = testMock({ ACE_MOCK_SCENARIOS: dir }, () => new Date());
  t.teardown(() => mock.close());
  const started = Date.now();
  const slow = await send(mock, sampleWith('ae-add-1-line.txt', '0600010'), { 'x-ace-scenario': 'slow' });
  t.ok(Date.now() - started >= 290, 'answered after the scripted 300 ms');
  t.match(slow.body, /E1A 995/);

  await send(mock, sampleWith('ae-add-1-line.txt', '0600011'), { 'x-ace-scenario': 'uc' });
  const now = (await mock.http.inject({ url: '/v1/messages?session=B76' })).json();
  t.same(now.messages, [], 'not due yet');
  t.ok(now.nextDueAt, 'but one is pending');
  const waited = (await mock.http.inject({ url: '/v1/messages?session=B76&wait=5' })).json();
  t.equal(waited.messages.length, 1, 'the long poll returns it once due');
  const [message] = waited.messages;
  t.equal(message.records[0].slice(0, 12), 'B  2704B76UC');
  t.equal(message.records[1].slice(0, 4), 'E122', 'UC E1, disposition 2, automated source');
  t.equal(message.records[1].slice(55, 63), `0600011${entryCheckDigit('B76', '0600011')}`, 'the entry number at 56-63');
  t.match(message.records[2], /^E3PLEASE SEND THE ENTRY SUMMARY PACKAGE/);
  t.match(message.records[3], /^Y  2704B76UC00002/);
  const again = (await mock.http.inject({ url: `/v1/messages?session=B76&after=${waited.next}` })).json();
  t.same(again.messages, [], 'reading after its sequence number returns nothing new');
  const bad = await mock.http.inject({ url: '/v1/messages' });
  t.equal(bad.statusCode, 400);
});

t.test('the committed JSON Schema is the one the format generates', async (t) => {
  const committed = JSON.parse(readFileSync(new URL('../../schemas/scenario.schema.json', import.meta.url), 'utf8'));
  t.same(committed, scenarioJsonSchema(), 'run `npm run schema` after changing src/scenarios/format.ts');
  t.equal(committed.properties.steps.type, 'array');
});

t.test('/v1/messages/stream pushes due messages as server-sent events', async (t) => {
  const dir = scenarioDir({ 'uc.yaml': 'id: uc\ntitle: UC\nsteps:\n  - answer:\n      followUps:\n        - { after: 100, disposition: "4", reason: "003" }\n' });
  const mock = testMock({ ACE_MOCK_SCENARIOS: dir }, () => new Date());
  t.teardown(() => mock.close());
  const address = await mock.http.listen({ host: '127.0.0.1', port: 0 });
  const controller = new AbortController();
  const res = await fetch(`${address}/v1/messages/stream?session=B76`, { signal: controller.signal });
  t.equal(res.headers.get('content-type'), 'text/event-stream');
  await send(mock, sampleWith('ae-add-1-line.txt', '0600020'), { 'x-ace-scenario': 'uc' });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  let text = '';
  while (!text.includes('\n\nid: ') && !/data: .*\n\n/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += Buffer.from(value).toString('utf8');
  }
  controller.abort();
  const event = /id: (\d+)\nevent: message\ndata: (.*)\n\n/.exec(text);
  t.ok(event, 'an SSE event with id, type and data');
  const data = JSON.parse(event?.[2] ?? '{}');
  t.equal(data.records[1].slice(0, 10), 'E142   003', 'UC E1: disposition 4, automated, reason 003');
  t.equal(data.summary, `UC 4/003 for B76-0600020${entryCheckDigit('B76', '0600020')}`);
});
