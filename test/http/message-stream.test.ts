import { get } from 'node:http';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import t from 'tap';
import { openDatabase } from '../../src/store/database.js';
import { Outbox } from '../../src/store/outbox.js';
import { messageRoutes } from '../../src/transports/http/messages.js';

type Test = Pick<typeof t, 'teardown'>;

const NOW = new Date('2026-11-25T15:00:00.000Z');

/**
 * The SSE route alone on a loopback port, over an outbox holding `count` due messages of about 2 KB
 * each. The outbox is wrapped to record the highest sequence number the route has read, and the
 * server's sockets are kept so the test can see what the server buffers for a client.
 */
async function streamServer(t: Test, count: number, options: { heartbeatMs?: number } = {}) {
  const db = openDatabase(':memory:');
  const outbox = new Outbox(db);
  const records = Array.from({ length: 20 }, (_, i) => `E1${String(i).padStart(3, '0')}`.padEnd(80, 'X'));
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      outbox.add({ session: 'S', filer: 'B76', exchangeId: `x${i}`, transport: 'http', deliverAt: NOW.toISOString(), records, summary: `UC ${i}` });
    }
  })();
  const read = { highestSeq: 0 };
  const watched = Object.create(outbox) as Outbox;
  watched.dueFor = (...args: Parameters<Outbox['dueFor']>) => {
    const due = outbox.dueFor(...args);
    read.highestSeq = Math.max(read.highestSeq, due.at(-1)?.seq ?? 0);
    return due;
  };
  const app = Fastify();
  await app.register(messageRoutes, { outbox: watched, sessionNow: () => NOW, pollMs: 5, ...options });
  const serverSockets: Socket[] = [];
  app.server.on('connection', (socket: Socket) => serverSockets.push(socket));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  t.teardown(async () => {
    await app.close();
    db.close();
  });
  return { port, read, serverSockets };
}

/** Waits until `value()` has not changed for `quietMs` (a deadlock guard stops it after 20 s). */
async function untilSteady(value: () => number, quietMs: number): Promise<number> {
  const deadline = Date.now() + 20_000;
  let last = value();
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(25);
    const now = value();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (now > 0 && Date.now() - since >= quietMs) return now;
  }
  return last;
}

t.test('a client that does not read makes the stream stop reading the outbox; it resumes on drain, nothing lost', async (t) => {
  const COUNT = 20_000; // about 40 MB of events: far more than the loopback socket buffers hold
  const { port, read, serverSockets } = await streamServer(t, COUNT);
  const client = connect({ host: '127.0.0.1', port });
  t.teardown(() => client.destroy());
  await new Promise((resolve) => client.once('connect', resolve));
  client.pause(); // a consumer that has stopped reading: the kernel buffers fill, then the server's
  client.write('GET /v1/messages/stream?session=S HTTP/1.1\r\nHost: localhost\r\n\r\n');

  let mostBuffered = 0;
  const sampler = setInterval(() => {
    for (const s of serverSockets) mostBuffered = Math.max(mostBuffered, s.writableLength);
  }, 5);
  const stalledAt = await untilSteady(() => read.highestSeq, 500);
  clearInterval(sampler);
  t.ok(stalledAt < COUNT, `the stream stopped reading the outbox at seq ${stalledAt} of ${COUNT} while the client read nothing`);
  t.ok(serverSockets.some((s) => s.writableLength > 0), 'the server is waiting for the socket to drain (the test did reach backpressure)');
  t.ok(mostBuffered <= 64 * 1024, `the server never buffered more than one event past its high-water mark (at most ${mostBuffered} bytes)`);

  // The client reads again: the stream resumes on 'drain' and delivers everything, in order, once.
  let text = '';
  const ids: number[] = [];
  client.setEncoding('latin1');
  client.on('data', (chunk: string) => {
    text += chunk;
    let cut: number;
    while ((cut = text.indexOf('\n\n')) >= 0) {
      const id = /^id: (\d+)$/m.exec(text.slice(0, cut));
      if (id) ids.push(Number(id[1]));
      text = text.slice(cut + 2);
    }
  });
  client.resume();
  const deadline = Date.now() + 60_000;
  while (ids.length < COUNT && Date.now() < deadline) await sleep(20);
  t.equal(ids.length, COUNT, 'every message arrived');
  t.ok(ids.every((id, i) => id === i + 1), 'in sequence order, none repeated or skipped');
});

t.test('an idle stream carries a comment heartbeat so proxies do not cut it', async (t) => {
  const { port } = await streamServer(t, 0, { heartbeatMs: 40 });
  const text = await new Promise<string>((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path: '/v1/messages/stream?session=S' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      setTimeout(() => {
        req.destroy();
        resolve(body);
      }, 300);
    });
    req.on('error', reject);
  });
  t.match(text, /^: ace-mock messages\n\n/, 'the opening comment');
  const beats = text.split(': keep-alive\n\n').length - 1;
  t.ok(beats >= 3, `${beats} keep-alive comments in 300 ms at one per 40 ms`);
  t.notMatch(text, /^(id|data|event):/m, 'comments only: no event for an empty outbox');
});

t.test('a client gone while the stream waits for drain leaves nothing behind', async (t) => {
  const { port, read } = await streamServer(t, 5_000);
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const before = timers();
  const client = connect({ host: '127.0.0.1', port });
  await new Promise((resolve) => client.once('connect', resolve));
  client.pause();
  client.write('GET /v1/messages/stream?session=S HTTP/1.1\r\nHost: localhost\r\n\r\n');
  const stalledAt = await untilSteady(() => read.highestSeq, 300);
  t.ok(stalledAt < 5_000, 'waiting for drain');
  t.ok(timers() > before, 'the stream polls and beats while open');
  client.destroy();
  await sleep(200);
  t.equal(read.highestSeq, stalledAt, 'the outbox is not read again for a client that is gone');
  t.equal(timers(), before, 'its poll and heartbeat timers are gone with it');
});

t.test('a Last-Event-ID that is not a sequence number is a 400 problem, not a replay of the whole outbox', async (t) => {
  const db = openDatabase(':memory:');
  const app = Fastify();
  await app.register(messageRoutes, { outbox: new Outbox(db), sessionNow: () => NOW });
  t.teardown(async () => {
    await app.close();
    db.close();
  });
  const res = await app.inject({ url: '/v1/messages/stream?session=S', headers: { 'last-event-id': 'abc' } });
  t.equal(res.statusCode, 400);
  t.match(res.json(), { type: 'urn:ace-mock:problem:unknown-cursor', detail: /"abc"/ });
});

t.test('a cursor beyond every number ever given is a 400 problem, not a wait that skips the real messages', async (t) => {
  const db = openDatabase(':memory:');
  const outbox = new Outbox(db);
  const app = Fastify();
  await app.register(messageRoutes, { outbox, sessionNow: () => NOW });
  t.teardown(async () => {
    await app.close();
    db.close();
  });
  outbox.add({ session: 'S', filer: 'B76', exchangeId: 'x', transport: 'http', deliverAt: NOW.toISOString(), records: ['B'], summary: 'UC' });
  for (const [url, headers] of [
    ['/v1/messages?session=S&after=99', {}],
    ['/v1/messages/stream?session=S', { 'last-event-id': '99' }],
  ] as const) {
    const res = await app.inject({ url, headers });
    t.equal(res.statusCode, 400, url);
    t.match(res.json(), { type: 'urn:ace-mock:problem:unknown-cursor', title: 'Unknown cursor', detail: /99 is beyond the last message ever numbered \(1\)/ });
  }
  const current = await app.inject({ url: '/v1/messages?session=S&after=1' });
  t.same([current.statusCode, current.json().messages], [200, []], 'the last number given is a valid cursor: nothing after it yet');
});
