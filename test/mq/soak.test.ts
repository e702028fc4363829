import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { type MqConnection, MqError, type MqMessage, type MqQueue, type MqVerb, type QueueAddress } from '../../src/transports/mq/client.js';
import { MQC, MQFMT_STRING } from '../../src/transports/mq/constants.js';
import { readDeadLetterHeader } from '../../src/transports/mq/dead-letter-header.js';
import { FakeQueueManager } from '../../src/transports/mq/fake-queue-manager.js';
import { seededRandom } from '../../src/scenarios/random.js';
import { mqMock } from '../helpers/mq.js';
import { sampleWith } from '../helpers/transmission.js';

/**
 * The MQ soak: requests through the listener while the queue manager misbehaves at random —
 * broken connections (2009) on any call, gets that complete with a warning, units backed out at
 * commit (2003), a backout queue that is full (2053) — plus a share of poison requests that fail
 * every time. At the end every request has exactly one reply, or (never both) lies on the backout
 * queue or behind an MQDLH on the dead-letter queue; and the listener made no more gets than the
 * work needed. `npm run soak` runs 100,000 requests; the suite runs a few thousand.
 */

const REQUESTS = Number(process.env.SOAK_REQUESTS ?? 2000);
const SEED = Number(process.env.SOAK_SEED ?? 20261202);
/** Fault rates per call; the suite's shorter run uses higher ones so that each fault happens. */
const RATES = REQUESTS >= 20_000 ? { broken: 1 / 20_000, warning: 1 / 200, backedOut: 1 / 500, backoutQueueFull: 1 / 3, poison: 1 / 500 } : { broken: 1 / 1000, warning: 1 / 50, backedOut: 1 / 100, backoutQueueFull: 1 / 3, poison: 1 / 100 };
const QUEUE_ROOM = 1_000_000;
const IN_FLIGHT = 500;

t.test(`soak: ${REQUESTS} requests with faults injected at random (seed ${SEED})`, { timeout: Math.max(600_000, REQUESTS * 20) }, async (t) => {
  const random = seededRandom(SEED);
  const chance = (p: number) => random() < p;
  const qm = new FakeQueueManager({
    queues: {
      'ACE.REQUEST': { backoutThreshold: 3, backoutQueue: 'ACE.BACKOUT', maxDepth: QUEUE_ROOM },
      'ACE.REPLY': { maxDepth: QUEUE_ROOM },
      'ACE.NOTIFY': { maxDepth: QUEUE_ROOM },
      'ACE.BACKOUT': { maxDepth: QUEUE_ROOM },
      'DEV.DEAD.LETTER.QUEUE': { maxDepth: QUEUE_ROOM },
    },
  });
  const poison = new Set<string>();
  const counts = { gets: 0, broken: 0, warnings: 0, backedOut: 0, backoutQueueFull: 0 };
  /** The request each connection has in hand, so a commit can fail for a poison one. */
  const inHand = new WeakMap<MqConnection, string>();
  /** Connections whose unit of work sets a request aside: a poison request fails only when answered. */
  const settingAside = new WeakSet<MqConnection>();
  const chaos = new Proxy(qm, {
    get(target, verb: MqVerb | symbol, receiver) {
      const value = Reflect.get(target, verb, receiver);
      if (typeof value !== 'function' || typeof verb !== 'string' || verb === 'connect') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        if (chance(RATES.broken)) {
          counts.broken += 1;
          target.failNext(verb as MqVerb, MQC.MQRC_CONNECTION_BROKEN);
        }
        if (verb === 'put1' && (args[1] as QueueAddress).queue === 'ACE.BACKOUT' && chance(RATES.backoutQueueFull)) {
          counts.backoutQueueFull += 1;
          throw new MqError('put1', MQC.MQRC_Q_FULL);
        }
        if (verb === 'put1' && (args[1] as QueueAddress).queue !== 'ACE.REPLY') settingAside.add(args[0] as MqConnection);
        const answering = verb === 'commit' && !settingAside.delete(args[0] as MqConnection);
        if (answering && (poison.has(inHand.get(args[0] as MqConnection) ?? '') || chance(RATES.backedOut))) {
          counts.backedOut += 1;
          await target.backout(args[0] as MqConnection);
          throw new MqError('commit', MQC.MQRC_BACKED_OUT);
        }
        if (verb === 'get' && chance(RATES.warning)) target.warnNext(MQC.MQRC_NOT_CONVERTED);
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (verb === 'get') {
          counts.gets += 1;
          const message = result as MqMessage | null;
          if (message) inHand.set((args[0] as MqQueue).connection, message.md.MsgId.toString('hex'));
          if (message?.warning !== undefined) counts.warnings += 1;
        }
        return result;
      };
    },
  });
  const db = join(mkdtempSync(join(tmpdir(), 'ace-mock-soak-')), 'soak.db');
  const mock = mqMock(chaos, { ACE_MOCK_DB: db, ACE_MOCK_RETENTION_MAX_EXCHANGES: '0' }, () => new Date());
  t.teardown(() => mock.close());

  const requests: string[] = [];
  const started = Date.now();
  for (let i = 0; i < REQUESTS; i++) {
    while (qm.queue('ACE.REQUEST').depth >= IN_FLIGHT) await sleep(2);
    const body = Buffer.from(sampleWith('ae-add-1-line.txt', String(1_000_000 + (i % 9_000_000))).replace(/\n/g, ''), 'latin1');
    const md = qm.put('ACE.REQUEST', { MsgType: MQC.MQMT_REQUEST, ReplyToQ: 'ACE.REPLY', Format: MQFMT_STRING, CodedCharSetId: 1208 }, body);
    const id = md.MsgId.toString('hex');
    requests.push(id);
    if (chance(RATES.poison)) poison.add(id);
  }
  const settled = () => qm.queue('ACE.REPLY').depth + qm.queue('ACE.BACKOUT').depth + qm.queue('DEV.DEAD.LETTER.QUEUE').depth;
  for (let last = -1, idleSince = Date.now(); settled() < REQUESTS; await sleep(50)) {
    if (settled() !== last) [last, idleSince] = [settled(), Date.now()];
    if (Date.now() - idleSince > 60_000) break; // stalled: the counts below say what is missing
  }
  await sleep(200);
  const seconds = (Date.now() - started) / 1000;

  const replies = new Map<string, number>();
  for (const reply of qm.browse('ACE.REPLY')) replies.set(reply.md.CorrelId.toString('hex'), (replies.get(reply.md.CorrelId.toString('hex')) ?? 0) + 1);
  const setAside = new Set(qm.browse('ACE.BACKOUT').map((m) => m.md.MsgId.toString('hex')));
  let deadLetters = 0;
  for (const dead of qm.browse('DEV.DEAD.LETTER.QUEUE')) {
    const { header } = readDeadLetterHeader(dead.body);
    if (header.reason === MQC.MQRC_BACKOUT_THRESHOLD_REACHED && header.destQueue === 'ACE.REQUEST') setAside.add(dead.md.MsgId.toString('hex'));
    deadLetters += 1;
  }
  const twice = requests.filter((id) => (replies.get(id) ?? 0) > 1);
  const both = requests.filter((id) => replies.has(id) && setAside.has(id));
  const neither = requests.filter((id) => !replies.has(id) && !setAside.has(id));
  const poisonAnswered = [...poison].filter((id) => replies.has(id));
  t.comment(
    `${REQUESTS} requests in ${seconds.toFixed(1)} s (${Math.round(REQUESTS / seconds)}/s): ${replies.size} answered, ${setAside.size} set aside (${deadLetters} on the dead-letter queue); ` +
      `faults: ${counts.broken} broken connections, ${counts.warnings} warnings, ${counts.backedOut} backed out at commit, ${counts.backoutQueueFull} backout-queue refusals; ${poison.size} poison; ${counts.gets} gets`,
  );
  t.same(twice, [], 'no request answered twice');
  t.same(both, [], 'no request both answered and set aside');
  t.same(neither, [], 'every request answered or set aside');
  t.same(poisonAnswered, [], 'every poison request set aside');
  t.equal(deadLetters, setAside.size - qm.queue('ACE.BACKOUT').depth, 'every dead letter is a request set aside, behind an MQDLH');
  t.equal(qm.queue('ACE.REQUEST').depth, 0, 'the request queue is empty');
  t.ok(counts.gets <= REQUESTS * 1.5 + seconds * 20, `no spinning: ${counts.gets} gets for ${REQUESTS} requests`);
  t.ok(counts.broken > 0 && counts.warnings > 0 && counts.backoutQueueFull > 0, 'each kind of fault happened');
});
