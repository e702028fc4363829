import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MqError, type MqVerb } from './client.js';
import { MQC } from './constants.js';
import type { MqAnswer, MqRequest, MqThreadData, MqThreadStatus, WireError } from './ibmmq-protocol.js';

/** The MQ C client (libmqm_r.so) could not be loaded, so no IBM MQ connection is possible here. */
export class MqClientUnavailable extends Error {
  override readonly name = 'MqClientUnavailable';
}

/**
 * The worker beside this module, with the same extension: ibmmq-worker.js in dist/, and
 * ibmmq-worker.ts from source, where the worker inherits the parent's TypeScript loader through
 * its execArgv (tap's does; tsx 4 on Node 20 does not load in workers, so run MQ from dist/ there).
 */
const WORKER = new URL(`./ibmmq-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

type Request = MqRequest extends infer R ? (R extends unknown ? Omit<R, 'call'> : never) : never;

interface Pending {
  readonly verb: MqVerb;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

/** The thread of each binding while it has connections; only one at a time (see ibmmq-worker.ts). */
const live = new Map<string, MqThread>();
/** When the last thread of a binding will have exited: the next one starts after. */
const exits = new Map<string, Promise<void>>();
/** Loading fails the same way every time (and ibmmq prints to stderr each try), so the first failure is kept. */
const unavailable = new Map<string, MqClientUnavailable>();

/**
 * The main side of the MQ thread: it starts the worker on the first connection and ends it after
 * the last disconnect, relays calls and answers, and holds the process open only while a call is
 * under way (an idle connection, as before, does not). At process exit Node ends the worker, and
 * with it the connections, which MQ treats as broken: their units of work are backed out.
 */
export class MqThread {
  /** The running thread for `binding`, or a new one; throws the kept MqClientUnavailable when loading failed before. */
  static for(binding: string): MqThread {
    const failure = unavailable.get(binding);
    if (failure) throw failure;
    let thread = live.get(binding);
    if (!thread) {
      thread = new MqThread(binding, exits.get(binding) ?? Promise.resolve());
      live.set(binding, thread);
    }
    return thread;
  }

  private readonly worker: Promise<Worker>;
  private exited: Promise<void> = Promise.resolve();
  private readonly pending = new Map<number, Pending>();
  private readonly connections = new Set<number>();
  private nextCall = 1;
  /** The worker died: every call of its connections is MQRC_CONNECTION_BROKEN. */
  private broken = false;
  /** Ended after its last disconnect: a call through a stale handle is MQRC_HCONN_ERROR. */
  private retired = false;

  private constructor(
    private readonly binding: string,
    previousExit: Promise<void>,
  ) {
    this.worker = previousExit.then(() => this.start());
    this.worker.catch(() => undefined); // each call reports the failure to its caller
    exits.set(
      binding,
      this.worker.then(
        () => this.exited,
        () => this.exited,
      ),
    );
  }

  /** A connection being made or open keeps the thread. */
  hold(connection: number): void {
    this.connections.add(connection);
  }

  /** After the last connection, the thread ends (within one MQGET wait slice, if one is under way). */
  release(connection: number): void {
    this.connections.delete(connection);
    if (this.connections.size > 0 || this.retired) return;
    this.retired = true;
    if (live.get(this.binding) === this) live.delete(this.binding);
    void this.worker.then(
      (worker) => worker.terminate(),
      () => undefined,
    );
  }

  async call<T>(request: Request, transfer: ArrayBuffer[] = []): Promise<T> {
    const worker = await this.worker;
    if (this.broken) throw new MqError(request.verb, MQC.MQRC_CONNECTION_BROKEN);
    if (this.retired) throw new MqError(request.verb, MQC.MQRC_HCONN_ERROR);
    const call = this.nextCall++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(call, { verb: request.verb, resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ ...request, call }, transfer);
    });
  }

  private start(): Promise<Worker> {
    const worker = new Worker(WORKER, { workerData: { binding: this.binding } satisfies MqThreadData });
    worker.unref();
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    return new Promise((resolve, reject) => {
      worker.once('message', (status: MqThreadStatus) => {
        if (status.status === 'unavailable') {
          const failure = new MqClientUnavailable(
            `IBM MQ client library unavailable: ${status.message}. Install IBM's MQ client: a plain \`npm ci\` on Linux x64 or Windows downloads it (not with MQIJS_NOREDIST set); elsewhere install the MQ redistributable client in /opt/mqm or put its lib64 on LD_LIBRARY_PATH`,
          );
          unavailable.set(this.binding, failure);
          reject(failure);
          return;
        }
        worker.on('message', (answer: MqAnswer) => this.answer(worker, answer));
        resolve(worker);
      });
      // Before 'ready' this is a failure to start; after it, a crash. Either way the thread is done.
      worker.once('error', (err) => {
        this.break();
        reject(err);
      });
      worker.once('exit', (code) => {
        if (!this.retired) this.break();
        reject(new Error(`the MQ thread exited (code ${code}) before it was ready${WORKER.pathname.endsWith('.ts') ? '; from TypeScript sources it needs a loader that works in worker threads (tap does): build and run from dist/ (npm start) instead' : ''}`));
      });
    });
  }

  private answer(worker: Worker, answer: MqAnswer): void {
    const pending = this.pending.get(answer.call);
    if (!pending) return;
    this.pending.delete(answer.call);
    if (this.pending.size === 0) worker.unref();
    if (answer.ok) pending.resolve(answer.value);
    else pending.reject(errorFromWire(answer.error));
  }

  private break(): void {
    this.broken = true;
    if (live.get(this.binding) === this) live.delete(this.binding);
    for (const { verb, reject } of this.pending.values()) reject(new MqError(verb, MQC.MQRC_CONNECTION_BROKEN));
    this.pending.clear();
  }
}

function errorFromWire(error: WireError): Error {
  if ('mqrc' in error) return new MqError(error.verb, error.mqrc, error.mqcc);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}
