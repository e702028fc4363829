import type { SendIo, SendOptions } from './send.js';
import { SendStatus } from './send.js';

/** Statuses with which ace-mock refuses the file itself (not CATAIR, too large): the filer's problem, not the line's. */
const REFUSALS = new Set([400, 413]);

/**
 * POSTs the file, as it is, to `${baseUrl}/v1/transmissions` and prints the answer: the records as
 * text, or with `json` the whole exchange. The status comes from the X-ACE-Outcome header.
 */
export async function sendOverHttp(bytes: Buffer, baseUrl: string, options: SendOptions, io: SendIo): Promise<number> {
  const url = `${baseUrl.replace(/\/+$/, '')}/v1/transmissions`;
  const headers: Record<string, string> = {
    'content-type': 'text/plain',
    accept: options.json ? 'application/json' : 'text/plain',
    ...(options.scenario !== undefined && { 'x-ace-scenario': options.scenario }),
    ...(options.session !== undefined && { 'x-ace-session': options.session }),
  };
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { method: 'POST', headers, body: new Uint8Array(bytes), signal: AbortSignal.timeout(options.timeoutMs) });
    text = await response.text();
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : describe(error);
    io.err(`ace-mock send: POST ${url}: ${reason}; check that ace-mock is serving HTTP there\n`);
    return SendStatus.transportFailure;
  }
  const outcome = response.headers.get('x-ace-outcome');
  if (outcome === null) {
    io.err(`ace-mock send: POST ${url} answered ${response.status} with no X-ACE-Outcome:\n${text}\n`);
    return REFUSALS.has(response.status) ? SendStatus.rejected : SendStatus.transportFailure;
  }
  io.out(options.json ? `${JSON.stringify(JSON.parse(text), null, 2)}\n` : text);
  io.err(`outcome: ${outcome}\n`);
  return outcome === 'accepted' ? SendStatus.accepted : SendStatus.rejected;
}

/** fetch hides the network reason (ECONNREFUSED …) in `cause`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}
