import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import t from 'tap';
import { consoleRoutes } from '../../src/transports/http/console.js';
import { send, testMock } from '../helpers/mock.js';

/** The API the web console stands on: samples, inspection, sessions, the exchange stream, the page itself. */
const sample = (name: string): Buffer => readFileSync(new URL(`../../scenarios/samples/${name}`, import.meta.url));

t.test('GET /v1/samples lists the shipped samples; each one is served as text, nothing else is', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const list = (await mock.http.inject({ url: '/v1/samples' })).json() as { samples: { file: string; title: string }[] };
  t.ok(list.samples.length >= 10, 'the samples of scenarios/samples');
  t.match(list.samples[0], { file: 'ae-add-1-line.txt', title: /one line/ });
  const one = await mock.http.inject({ url: '/v1/samples/ae-add-1-line.txt' });
  t.equal(one.statusCode, 200);
  t.equal(one.body, sample('ae-add-1-line.txt').toString('latin1'), 'byte for byte');
  for (const path of ['/v1/samples/..%2F..%2Fpackage.json', '/v1/samples/expect.json', '/v1/samples/README.md']) {
    const res = await mock.http.inject({ url: path });
    t.equal(res.statusCode, 404, `${path}: not a sample`);
    t.equal(res.json().type, 'urn:ace-mock:problem:no-sample');
  }
});

t.test('POST /v1/inspect decodes and checks layouts without answering, journaling or changing state', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const text = sample('ae-add-1-line.txt').toString('latin1').replace(/^10A/m, '10Q').replace(/^(B.{40})..../m, '$1    ');
  const res = await mock.http.inject({ method: 'POST', url: '/v1/inspect', payload: text, headers: { 'content-type': 'text/plain' } });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.equal(body.framing, 'lines');
  t.equal(body.records.length, text.split('\n').filter((l) => l !== '').length);
  t.match(body.records[2], { position: 3, length: 80, layout: '10' });
  t.match(body.problems, [{ position: 3, column: 3, length: 1, field: 'actionCode', message: /not a known entry-summary-actions code/ }]);
  t.match(body.records[0].fields.find((f: { name: string }) => f.name === 'password'), { value: '******' }, 'the password masked');
  t.equal(body.masked, text.replace('PASSWD', '******'), 'the text as sent, its password starred and nothing else changed');
  t.equal(mock.journal.find({ limit: 10 }).length, 0, 'nothing journaled');

  const short = await mock.http.inject({ method: 'POST', url: '/v1/inspect', payload: 'A2704B76\nQQ junk\n', headers: { 'content-type': 'text/plain' } });
  const framing = (short.json().problems as { message: string }[]).filter((p) => /characters long|no input record layout/.test(p.message));
  t.match(framing, [
    { position: 1, column: 9, message: 'the record is 8 characters long; records are 80' },
    { position: 2, column: 8, message: 'the record is 7 characters long; records are 80' },
    { position: 2, column: 1, message: 'no input record layout starts with "QQ"' },
  ]);
  const json = await mock.http.inject({ method: 'POST', url: '/v1/inspect', payload: '{"a":1}', headers: { 'content-type': 'application/json' } });
  t.equal(json.statusCode, 400, 'non-CATAIR input is a problem, as for transmissions');
});

t.test('exchange listings carry tags (Census warning, PSC) and the deciding step; sessions are listed', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  await send(mock, sample('ae-add-for-psc.txt'));
  await send(mock, sample('ae-psc-replace.txt'));
  await send(mock, sample('ae-add-5-lines.txt'), { 'x-ace-session': 'training', 'x-ace-scenario': 'census-warning-then-override' });
  await send(mock, sample('ae-add-1-line.txt'), { 'x-ace-session': 'training', 'x-ace-scenario': 'pga-warning' });
  const items = (await mock.http.inject({ url: '/v1/transmissions' })).json().items as { tags: string[]; session: string; scenario?: string; step?: number }[];
  t.same(items.map((i) => i.tags), [[], ['census-warning'], ['psc'], []], 'the Census warning and the PSC are tagged (a PGA warning is not Census)');
  t.match(items[0], { session: 'training', scenario: 'pga-warning', step: 1 });
  const sessions = (await mock.http.inject({ url: '/v1/sessions' })).json().sessions;
  t.match(sessions, [{ session: 'training', exchanges: 2 }, { session: 'B76', exchanges: 2 }], 'most recent first');
});

t.test('GET /v1/transmissions/:id shows the input with the password starred and the follow-ups it queued', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const res = await send(mock, sample('ae-add-1-line.txt'), { 'x-ace-scenario': 'uc-package-requested' });
  const exchange = (await mock.http.inject({ url: `/v1/transmissions/${res.headers['x-ace-exchange-id']}` })).json();
  t.notMatch(exchange.input, /PASSWD/, 'no password in the input');
  t.match(exchange.input, /^A2704B76\*{6}112526/);
  t.equal(exchange.decoded.input[0].record.slice(8, 14), '******', 'nor in the decoded record');
  t.equal(exchange.followUps.length, 1);
  t.match(exchange.followUps[0], { summary: 'UC 2 for B76-03245278', deliverAt: '2026-11-25T15:00:02.000Z' });
  t.equal(exchange.followUps[0].decoded[1].layout, 'UC.E1', 'decoded like any output');
});

/** Reads a server-sent-event stream on loopback until `until` says enough. */
function readEvents(url: string, headers: Record<string, string>, until: (events: { id: string; event: string; data: string }[]) => boolean) {
  return new Promise<{ id: string; event: string; data: string }[]>((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      let buffer = '';
      const events: { id: string; event: string; data: string }[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const field = (name: string) => /^(\w+): ?(.*)$/gm.exec('') ?? block.split('\n').find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1).trim();
          if (field('event')) events.push({ id: field('id') as string, event: field('event') as string, data: field('data') as string });
          cut = buffer.indexOf('\n\n');
        }
        if (until(events)) {
          req.destroy();
          resolve(events);
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

t.test('GET /v1/transmissions/stream pushes new exchanges of a session and resumes after Last-Event-ID', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  await mock.http.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(mock.http.server.address() as AddressInfo).port}`;
  const before = await send(mock, sample('ae-add-1-line.txt'), { 'x-ace-session': 's1' });
  const streamed = readEvents(`${base}/v1/transmissions/stream?session=s1`, {}, (e) => e.length >= 2);
  await new Promise((r) => setTimeout(r, 300));
  await send(mock, sample('ae-add-5-lines.txt'), { 'x-ace-session': 'other' });
  const first = await send(mock, sample('ae-bad-check-digit.txt'), { 'x-ace-session': 's1' });
  const second = await send(mock, sample('batch-missing-z.txt'), { 'x-ace-session': 's1' });
  const events = await streamed;
  t.same(events.map((e) => e.id), [first.headers['x-ace-exchange-id'], second.headers['x-ace-exchange-id']], 'only s1, only after the stream opened, in order');
  t.match(JSON.parse(events[0]?.data as string), { outcome: 'rejected', session: 's1', entries: [{ entryNumber: '03245430' }] });
  t.equal(events[0]?.event, 'exchange');
  const resumed = await readEvents(`${base}/v1/transmissions/stream?session=s1`, { 'last-event-id': before.headers['x-ace-exchange-id'] as string }, (e) => e.length >= 2);
  t.same(resumed.map((e) => e.id), events.map((e) => e.id), 'Last-Event-ID resumes after that exchange');
  const bad = await mock.http.inject({ url: '/v1/transmissions/stream?nonsense=1' });
  t.equal(bad.statusCode, 400);
  for (const resume of [{ headers: { 'last-event-id': 'no-such-exchange' } }, { query: { after: 'no-such-exchange' } }]) {
    const unknown = await mock.http.inject({ url: '/v1/transmissions/stream', ...resume });
    t.equal(unknown.statusCode, 400, `resuming after an unknown exchange is refused, not a resume from the newest (${JSON.stringify(resume)})`);
    t.match(unknown.json(), { type: 'urn:ace-mock:problem:unknown-cursor', detail: /no-such-exchange/ });
  }
});

t.test('event streams carry the security headers of every other answer', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  await mock.http.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(mock.http.server.address() as AddressInfo).port}`;
  const health = await mock.http.inject({ url: '/health' });
  const security = ['x-content-type-options', 'x-frame-options', 'referrer-policy', 'content-security-policy'];
  for (const path of ['/v1/transmissions/stream', '/v1/messages/stream?session=B76']) {
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = httpRequest(`${base}${path}`, (res) => {
        resolve(res.headers);
        req.destroy();
      });
      req.on('error', reject);
      req.end();
    });
    t.match(headers['content-type'], /^text\/event-stream/, path);
    for (const name of security) t.equal(headers[name], health.headers[name], `${path}: ${name} as on /health`);
  }
});

t.test('the console is served at / with a policy that allows only its own files', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const page = await mock.http.inject({ url: '/' });
  // Built by `npm test` before tap runs; the not-built answer is tested below.
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /^text\/html/);
  t.match(page.body, /<script type="module" src="\/assets\/app.js">/);
  t.match(page.headers['content-security-policy'], /default-src 'none'; script-src 'self'; style-src 'self'/);
  t.equal(page.headers['x-frame-options'], 'DENY');
  const script = await mock.http.inject({ url: '/assets/app.js' });
  t.equal(script.statusCode, 200);
  t.match(script.headers['content-type'], /javascript/);
  const api = await mock.http.inject({ url: '/health' });
  t.match(api.headers['content-security-policy'], /^default-src 'none'; frame-ancestors 'none'$/, 'the API keeps its stricter policy');
  const unknown = await mock.http.inject({ url: '/nope.html' });
  t.equal(unknown.json().type, 'urn:ace-mock:problem:no-route', 'unknown paths still get the API 404');
});

t.test('an unbuilt console answers / with how to build it', async (t) => {
  const app = Fastify();
  await app.register(consoleRoutes, { dir: mkdtempSync(join(tmpdir(), 'ace-mock-console-')) });
  t.teardown(() => app.close());
  const res = await app.inject({ url: '/' });
  t.equal(res.statusCode, 503);
  t.match(res.body, /npm run build/);
});

t.test('the console dir may hold only an index: assets are listed at start', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ace-mock-console-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
  const app = Fastify();
  await app.register(consoleRoutes, { dir });
  t.teardown(() => app.close());
  t.equal((await app.inject({ url: '/' })).body, '<!doctype html><title>x</title>');
  t.equal((await app.inject({ url: '/assets/app.js' })).statusCode, 404);
});
