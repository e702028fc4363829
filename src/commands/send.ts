import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { MqClient } from '../transports/mq/client.js';
import { sendOverHttp } from './send-http.js';
import { sendOverMq } from './send-mq.js';

/** How to reach ace-mock (or ACE) over IBM MQ; by default the developer queue manager of docker/docker-compose.yml. */
export const MqSendOptions = z
  .object({
    queueManager: z.string().min(1).max(48).default('QM1'),
    host: z.string().min(1).default('127.0.0.1'),
    port: z.coerce.number().int().min(1).max(65535).default(1414),
    channel: z.string().min(1).max(20).default('DEV.APP.SVRCONN'),
    user: z.string().min(1).optional(),
    /** A file holding the password (a Docker secret), never the password itself. */
    passwordFile: z.string().min(1).optional(),
    requestQueue: z.string().min(1).max(48).default('ACE.REQUEST'),
    replyQueue: z.string().min(1).max(48).default('ACE.REPLY'),
  })
  .strict();
export type MqSendOptions = z.output<typeof MqSendOptions>;

/** Exit statuses of `ace-mock send`. */
export const SendStatus = {
  accepted: 0,
  /** Rejected, partly rejected, batch-rejected, or refused as not a transmission. */
  rejected: 1,
  /** No answer: unreachable, refused at the transport, or none within the timeout. */
  transportFailure: 2,
} as const;

export interface SendOptions {
  /** Base URL of ace-mock's HTTP door, e.g. http://127.0.0.1:8080; exactly one of `http` and `mq`. */
  readonly http?: string;
  readonly mq?: z.input<typeof MqSendOptions>;
  /** Sent as X-ACE-Scenario (HTTP) or the SCENARIO_PROPERTY message property (MQ). */
  readonly scenario?: string;
  /** Sent as X-ACE-Session (HTTP) or the SESSION_PROPERTY message property (MQ). */
  readonly session?: string;
  /** How long to wait for the answer. */
  readonly timeoutMs: number;
  /** Print the answer as JSON rather than as records. */
  readonly json: boolean;
  /** The MQ client; by default the real one over the `ibmmq` package. */
  readonly mqClient?: MqClient;
  /** Where the answer goes; standard output by default. */
  readonly out?: (text: string) => void;
  /** Where the outcome and any failure are told; standard error by default. */
  readonly err?: (text: string) => void;
}

/** The writers a transport reports through. */
export interface SendIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * `ace-mock send FILE`: what a filer's software does, transmit one CATAIR file and read the answer,
 * over HTTP or over MQ. Prints the answer records and resolves to a `SendStatus`. Rejects only when
 * the file cannot be read.
 */
export async function send(file: string, options: SendOptions): Promise<number> {
  const io: SendIo = {
    out: options.out ?? ((text) => void process.stdout.write(text)),
    err: options.err ?? ((text) => void process.stderr.write(text)),
  };
  if ((options.http === undefined) === (options.mq === undefined)) {
    io.err('ace-mock send: give exactly one way to send: an HTTP base URL or MQ options\n');
    return SendStatus.transportFailure;
  }
  const bytes = readFileSync(file);
  if (options.http !== undefined) return sendOverHttp(bytes, options.http, options, io);
  return sendOverMq(bytes, MqSendOptions.parse(options.mq), options, io);
}
