import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { createAceMock } from '../src/server.js';
import { MQC, MQFMT_STRING } from '../src/transports/mq/constants.js';
import { FakeQueueManager } from '../src/transports/mq/fake-queue-manager.js';

/**
 * Messages per second through the MQ listener on the in-memory queue manager (SQLite file, journal
 * on): N requests put at once, timed until the N-th reply is committed. The listener is serial by
 * design (one unit of work per message), so this is one message at a time, end to end.
 */
export async function mqThroughput(httpRps: number): Promise<void> {
  const count = Number(process.env['BENCH_MQ_MESSAGES'] ?? 3000);
  const qm = new FakeQueueManager({ queues: { 'ACE.REQUEST': { backoutThreshold: 3, backoutQueue: 'ACE.BACKOUT' }, 'ACE.REPLY': {}, 'ACE.NOTIFY': {}, 'ACE.BACKOUT': {} } });
  const db = join(mkdtempSync(join(tmpdir(), 'ace-mock-bench-mq-')), 'bench.db');
  const mock = createAceMock(loadConfig({ ACE_MOCK_DB: db, ACE_MOCK_WATCH: '0', ACE_MOCK_MQ_ENABLED: '1', ACE_MOCK_MQ_POLL_MS: '20' }), {
    logger: pino({ level: 'silent' }),
    mqClient: qm,
  });
  const body = Buffer.from(readFileSync(new URL('../scenarios/samples/ae-add-5-lines.txt', import.meta.url), 'latin1').replace(/\n/g, ''), 'latin1');
  const put = () => qm.put('ACE.REQUEST', { MsgType: MQC.MQMT_REQUEST, ReplyToQ: 'ACE.REPLY', Format: MQFMT_STRING }, body);
  for (let i = 0; i < 200; i++) put(); // warm-up
  while (qm.queue('ACE.REPLY').depth < 200) await sleep(5);
  const started = performance.now();
  for (let i = 0; i < count; i++) put();
  while (qm.queue('ACE.REPLY').depth < 200 + count) await sleep(5);
  const perSecond = count / ((performance.now() - started) / 1000);
  await mock.close();
  console.log(`MQ listener on the in-memory queue manager, ae-add-5-lines.txt, ${count} messages`);
  console.log(`  ${perSecond.toFixed(0).padStart(6)} messages/s`);
  console.log(`  ratio MQ / HTTP path = ${(perSecond / httpRps).toFixed(2)}`);
}
