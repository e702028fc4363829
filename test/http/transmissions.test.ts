import { readFileSync } from 'node:fs';
import t from 'tap';
import { loadCatalog } from '../../src/catair/catalog.js';
import { send, testMock } from '../helpers/mock.js';

const sample = (name: string): Buffer => readFileSync(new URL(`../../scenarios/samples/${name}`, import.meta.url));
/** How many 80-character records a sample holds (newline-separated or back to back). */
const recordCount = (name: string): number => sample(name).toString('latin1').replace(/\n/g, '').length / 80;

t.test('POST answers text/plain records, one per line, with exchange headers', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const res = await send(mock, sample('ae-add-1-line.txt'));
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/plain/);
  t.equal(res.headers['x-ace-outcome'], 'accepted');
  t.match(res.headers['x-ace-exchange-id'], /^[0-9a-f-]{36}$/);
  const lines = res.body.split('\n');
  t.equal(lines.pop(), '', 'ends with a newline');
  t.equal(lines.length, 6);
  t.ok(lines.every((l) => l.length === 80));
});

t.test('any content type is taken as the raw transmission', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const res = await send(mock, sample('ae-add-5-lines.txt'), { 'content-type': 'application/octet-stream' });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['x-ace-outcome'], 'accepted');
});

t.test('Accept: application/json gives the exchange, outcome per transaction and decoded records', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const res = await send(mock, sample('ae-bad-check-digit.txt'), { accept: 'application/json' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^application\/json/);
  const body = res.json();
  t.equal(body.outcome, 'rejected');
  t.equal(body.transactions.length, 1);
  t.match(body.transactions[0], { filer: 'B76', entryNumber: '03245430', action: 'A', outcome: 'rejected', disposition: '998' });
  t.same(
    body.transactions[0].conditions.map((c: { code: string; reference: string; field?: string; position?: number }) => [c.code, c.reference, c.field, c.position]),
    [['B16', 'SUMMRY', 'entryNumber', 3]],
  );
  const why = loadCatalog().dictionary.get('B16').explanation;
  t.ok(why, 'B16 has an explanation in the dictionary');
  t.equal(body.transactions[0].conditions[0].explanation, why, 'each condition carries its explanation as the why');
  t.equal(body.output.length, 7);
  t.equal(body.decoded.input.length, recordCount('ae-bad-check-digit.txt'));
  const ten = body.decoded.input[2];
  t.equal(ten.layout, '10');
  t.match(ten.fields.find((f: { name: string }) => f.name === 'entryType'), { value: '01', start: 34, length: 2 });
  t.match(ten.fields.find((f: { name: string }) => f.name === 'entryType').meaning, /consumption/i);
  const e1 = body.decoded.output.find((r: { layout?: string }) => r.layout === 'E1');
  t.match(e1.fields.find((f: { name: string }) => f.name === 'condition'), { value: 'B16' });
  t.equal(body.links.self, `/v1/transmissions/${body.id}`);
});

t.test('the answer form follows Accept with its q-values, and says so with Vary: Accept', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  for (const [accept, form] of [
    ['text/plain;q=0.5, application/json', /^application\/json/],
    ['application/json;q=0.2, text/plain', /^text\/plain/],
    ['text/*;q=0.1, application/*', /^application\/json/],
    ['*/*', /^text\/plain/],
    ['application/json', /^application\/json/],
  ] as const) {
    const res = await send(mock, sample('ae-add-1-line.txt'), { accept });
    t.match(res.headers['content-type'], form, `Accept: ${accept}`);
    t.match(res.headers.vary, /\bAccept\b/i, `Vary names Accept (${accept})`);
  }
  const plain = await send(mock, sample('ae-add-1-line.txt'));
  t.match(plain.headers['content-type'], /^text\/plain/, 'no Accept: the records as text');
});

t.test('GET /v1/transmissions/:id answers in the shape of the POST answer: the same fields, transactions at the top', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const posted = (await send(mock, sample('ae-bad-check-digit.txt'), { accept: 'application/json' })).json();
  const got = (await mock.http.inject({ url: `/v1/transmissions/${posted.id}` })).json();
  const { delayMs, ...postedJournaled } = posted;
  t.type(delayMs, 'number', 'the POST answer adds the scripted delay it held');
  t.same(Object.keys(got).sort(), Object.keys(postedJournaled).sort(), 'the same fields');
  t.same(got, postedJournaled, 'the same values');
  t.match(got.transactions, [{ entryNumber: '03245430', outcome: 'rejected', conditions: [{ code: 'B16' }] }]);
  t.same(got.batchConditions, []);
  t.same(got.followUps, [], 'follow-ups are a list in both');
});

t.test('input that is not a transmission gets a 400 problem, and is journaled', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  for (const [body, title] of [
    ['', 'Empty transmission'],
    ['   \n\n', 'Empty transmission'],
    ['{"entry": 1}', 'Not a CATAIR transmission'],
    ['<xml/>', 'Not a CATAIR transmission'],
    [Buffer.from([0x41, 0x00, 0x42]), 'Binary content'],
  ] as const) {
    const res = await send(mock, body);
    t.equal(res.statusCode, 400, `${JSON.stringify(String(body))}: 400`);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    const p = res.json();
    t.equal(p.title, title);
    t.type(p.detail, 'string');
    t.ok(p.detail.length > 20, 'the detail says what to do');
    const journaled = await mock.http.inject({ url: `/v1/transmissions/${p.exchange}` });
    t.equal(journaled.json().outcome, 'not-catair');
  }
});

t.test('a body over the limit is a 413 problem', async (t) => {
  const mock = testMock({ ACE_MOCK_BODY_LIMIT: '500' });
  t.teardown(() => mock.close());
  const res = await send(mock, sample('ae-add-1-line.txt'));
  t.equal(res.statusCode, 413);
  t.match(res.json(), { status: 413, title: 'Transmission too large' });
  t.match(res.json().detail, `(${sample('ae-add-1-line.txt').length} bytes) is over the limit of 500 bytes`);
  const journaled = await mock.http.inject({ url: `/v1/transmissions/${res.json().exchange}` });
  t.equal(journaled.json().outcome, 'not-catair', 'the refusal is journaled');
});

t.test('unknown routes are 404 problems that point at the transmission endpoint', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const res = await mock.http.inject({ url: '/v1/nope' });
  t.equal(res.statusCode, 404);
  t.match(res.json().detail, /POST \/v1\/transmissions/);
});

t.test('every exchange is journaled and readable by id, with input (password starred) and output bytes', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const input = sample('ae-add-concatenated.txt');
  const res = await send(mock, input);
  const id = res.headers['x-ace-exchange-id'];
  const got = await mock.http.inject({ url: `/v1/transmissions/${id}` });
  t.equal(got.statusCode, 200);
  const body = got.json();
  const sent = input.toString('latin1');
  t.equal(sent.slice(8, 14), 'PASSWD', 'the sample has a password');
  t.equal(body.input, `${sent.slice(0, 8)}******${sent.slice(14)}`, 'the input as sent, but for the password');
  t.equal(mock.journal.get(id as string)?.input.toString('latin1'), sent, 'the journal keeps the bytes as sent');
  t.same(body.output, res.body.split('\n').filter((l: string) => l !== ''));
  t.equal(body.outcome, 'accepted');
  t.equal(body.transport, 'http');
  t.same(body.entries, [{ filer: 'B76', entryNumber: '03246185', outcome: 'accepted', disposition: '995' }]);
  t.equal(body.decoded.input.length, recordCount('ae-add-concatenated.txt'), 'concatenated input is decoded record by record');
  const missing = await mock.http.inject({ url: '/v1/transmissions/does-not-exist' });
  t.equal(missing.statusCode, 404);
  t.equal(missing.headers['content-type'], 'application/problem+json; charset=utf-8');
});

t.test('the journal is queried by entry, filer, outcome and session, newest first, with paging', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  await send(mock, sample('ae-add-for-psc.txt'));
  await send(mock, sample('ae-psc-replace.txt'));
  await send(mock, sample('ae-bad-check-digit.txt'));
  await send(mock, sample('batch-missing-z.txt'));
  await send(mock, sample('ae-add-1-line.txt'), { 'x-ace-session': 'trainer' });
  const q = async (query: string) => (await mock.http.inject({ url: `/v1/transmissions?${query}` })).json();

  const byEntry = await q('entry=B76-0324592-2');
  t.same(
    byEntry.items.map((i: { entries: { disposition: string }[] }) => i.entries[0]?.disposition),
    ['998', '995'],
    'both exchanges of the entry, newest first (the PSC is refused: not yet paid)',
  );
  t.equal((await q('entry=03245922')).items.length, 2, 'entry number alone');
  t.equal((await q('entry=B7603245922')).items.length, 2, 'compact form');
  t.equal((await q('outcome=rejected')).items.length, 2, 'the refused PSC and the bad check digit');
  t.equal((await q('outcome=batch-rejected')).items.length, 1);
  t.equal((await q('session=trainer')).items.length, 1);
  t.equal((await q('session=B76')).items.length, 4, 'the default session is the transmitting filer');
  t.equal((await q('filer=B76')).items.length, 5);
  const page1 = await q('limit=2');
  t.equal(page1.items.length, 2);
  t.match(page1.next, /before=/);
  const page2 = (await mock.http.inject({ url: page1.next })).json();
  t.equal(page2.items.length, 2);
  t.not(page2.items[0].id, page1.items[1].id);
  const bad = await mock.http.inject({ url: '/v1/transmissions?entry=nonsense&limit=0' });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().detail, /entry is an entry number/);
  t.match(bad.json().detail, /limit/);
});

t.test('since and until take a time with an offset; an unknown before cursor is a 400 problem', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const sent = await send(mock, sample('ae-add-1-line.txt'));
  const receivedAt = new Date(mock.journal.get(sent.headers['x-ace-exchange-id'] as string)?.receivedAt as string);
  /** The same instant written in New York's winter offset. */
  const newYork = (d: Date) => `${new Date(d.getTime() - 5 * 3_600_000).toISOString().slice(0, 19)}-05:00`;
  const count = async (query: string) => {
    const res = await mock.http.inject({ url: `/v1/transmissions?${query}` });
    t.equal(res.statusCode, 200, query);
    return (res.json().items as unknown[]).length;
  };
  t.equal(await count(`since=${encodeURIComponent(newYork(receivedAt))}`), 1, 'since is inclusive, offset or not');
  t.equal(await count(`until=${encodeURIComponent(newYork(receivedAt))}`), 0, 'until is exclusive');
  t.equal(await count(`since=${encodeURIComponent(newYork(new Date(receivedAt.getTime() + 1000)))}`), 0, 'a second later, by the offset time');
  const bad = await mock.http.inject({ url: '/v1/transmissions?since=2026-11-25T10:00:00' });
  t.equal(bad.statusCode, 400, 'a time without Z or offset is ambiguous');
  t.match(bad.json().detail, /with Z or an offset/);

  const unknown = await mock.http.inject({ url: '/v1/transmissions?before=no-such-exchange' });
  t.equal(unknown.statusCode, 400, 'not an empty page that looks like the end of the list');
  t.match(unknown.json(), { type: 'urn:ace-mock:problem:unknown-cursor', detail: /no-such-exchange/ });
  t.equal((await mock.http.inject({ url: `/v1/transmissions?before=${sent.headers['x-ace-exchange-id']}` })).statusCode, 200, 'a known cursor pages');
});

t.test('GET /health reports ok and the version', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const res = await mock.http.inject({ url: '/health' });
  t.equal(res.statusCode, 200);
  t.match(res.headers, { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'content-security-policy': /default-src 'none'/ }, 'security headers');
  t.match(res.json(), { status: 'ok', version: /^\d+\.\d+\.\d+/ });
});

t.test('the server answers over a real loopback socket too', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const address = await mock.http.listen({ host: '127.0.0.1', port: 0 });
  const res = await fetch(`${address}/v1/transmissions`, { method: 'POST', body: new Uint8Array(sample('ae-add-1-line.txt')), headers: { 'content-type': 'text/plain' } });
  t.equal(res.status, 200);
  t.match(await res.text(), /E1A 995   SUMMARY HAS BEEN ADDED/);
});
