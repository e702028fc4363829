import type { FastifyReply, FastifyRequest } from 'fastify';
import { SECURITY_HEADERS } from './security-headers.js';

/** An open server-sent-event stream to one client. */
export interface EventStream {
  /** Writes one event; false once the client has fallen behind: stop, the stream pumps again on 'drain'. */
  send(event: string, id: string | number, data: unknown): boolean;
}

export interface EventStreamOptions {
  /** Sent as the stream's first comment line. */
  readonly greeting: string;
  /** How often to look for something new to send (ms). */
  readonly pollMs: number;
  /** A comment line at this interval keeps idle streams open through proxies (ms). */
  readonly heartbeatMs: number;
  /** Sends what is new, until there is nothing more or `send` answers false. */
  readonly pump: (stream: EventStream) => void;
}

/**
 * Takes over the response for a server-sent-event stream. Producers pull (the `pump`) rather than
 * push, and are not called while the client's socket buffer is full, so a slow or stalled reader
 * costs one buffer, not everything there is to send. Returns a function that ends the stream.
 */
export function openEventStream(request: FastifyRequest, reply: FastifyReply, options: EventStreamOptions): () => void {
  reply.hijack();
  const res = reply.raw;
  // A hijacked reply skips the onSend hook that sets these on every other answer.
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  let waitingForDrain = false;
  let ended = false;
  const write = (chunk: string): boolean => {
    if (res.write(chunk)) return true;
    waitingForDrain = true;
    res.once('drain', () => {
      waitingForDrain = false;
      pump();
    });
    return false;
  };
  const stream: EventStream = {
    send: (event, id, data) => write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
  };
  const pump = (): void => {
    if (!waitingForDrain && !ended) options.pump(stream);
  };
  write(`: ${options.greeting}\n\n`);
  const poll = setInterval(pump, options.pollMs);
  // A stream waiting for drain is not idle: a heartbeat would only add to its backlog.
  const heartbeat = setInterval(() => {
    if (!waitingForDrain) write(': keep-alive\n\n');
  }, options.heartbeatMs);
  const end = (): void => {
    if (ended) return;
    ended = true;
    clearInterval(poll);
    clearInterval(heartbeat);
    res.end();
  };
  res.on('close', end);
  request.raw.on('close', end);
  return end;
}

/**
 * Sends pages from `read` until one comes back short (all caught up) or the client falls behind.
 * `send` moves the reader's cursor past each item it sends, so the next page starts after it.
 */
export function sendPages<T>(read: () => readonly T[], pageSize: number, send: (item: T) => boolean): void {
  for (;;) {
    const page = read();
    for (const item of page) if (!send(item)) return;
    if (page.length < pageSize) return;
  }
}

/** Every stream of a plugin, ended when the server closes so that shutdown does not wait for clients. */
export function streamRegistry(onClose: (hook: () => Promise<void>) => void): (end: () => void, request: FastifyRequest) => void {
  const open = new Set<() => void>();
  onClose(async () => {
    for (const end of open) end();
  });
  return (end, request) => {
    open.add(end);
    request.raw.on('close', () => open.delete(end));
  };
}
