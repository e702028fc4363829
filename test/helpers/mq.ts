import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createAceMock } from '../../src/server.js';
import type { MqClient, Mqmd, MqmdInput } from '../../src/transports/mq/client.js';
import { MQC, MQFMT_STRING } from '../../src/transports/mq/constants.js';
import { FakeQueueManager } from '../../src/transports/mq/fake-queue-manager.js';
import { sharedCatalog, TEST_NOW } from './mock.js';

/** The in-memory queue manager set up as docker/mqsc/ace-mock.mqsc sets up IBM MQ. */
export function aceQueueManager(): FakeQueueManager {
  return new FakeQueueManager({
    queues: {
      'ACE.REQUEST': { backoutThreshold: 3, backoutQueue: 'ACE.BACKOUT', hardenBackout: true },
      'ACE.REPLY': {},
      'ACE.NOTIFY': {},
      'ACE.BACKOUT': {},
      'FILER.REPLY': {},
      'DEV.DEAD.LETTER.QUEUE': {},
    },
  });
}

/** ace-mock with its MQ listener on, against the given client, polling fast; in-memory database. */
export function mqMock(client: MqClient, env: Record<string, string> = {}, clock: () => Date = () => TEST_NOW) {
  const config = loadConfig({ ACE_MOCK_DB: ':memory:', ACE_MOCK_WATCH: '0', ACE_MOCK_MQ_ENABLED: '1', ACE_MOCK_MQ_POLL_MS: '20', ...env });
  return createAceMock(config, { logger: pino({ level: 'silent' }), clock, mqClient: client, catalog: sharedCatalog(config.schemas) });
}

/** Puts a transmission on the request queue as a filer would: a request with a ReplyToQ. */
export function putRequest(qm: FakeQueueManager, body: string | Buffer, md: MqmdInput = {}): Mqmd {
  return qm.put(
    'ACE.REQUEST',
    { MsgType: MQC.MQMT_REQUEST, ReplyToQ: 'ACE.REPLY', Format: MQFMT_STRING, CodedCharSetId: 1208, ...md },
    Buffer.isBuffer(body) ? body : Buffer.from(body.replace(/\n/g, ''), 'latin1'),
  );
}

/** Waits until a queue holds `depth` messages (a deadlock guard, not a speed assertion). */
export async function untilDepth(qm: FakeQueueManager, queue: string, depth: number, guardMs = 60_000): Promise<void> {
  const deadline = Date.now() + guardMs;
  while (qm.queue(queue).depth < depth) {
    if (Date.now() > deadline) throw new Error(`${queue} reached depth ${qm.queue(queue).depth}, not ${depth}`);
    await sleep(10);
  }
}
