import { randomUUID } from 'node:crypto';
import { BroadcastChannel } from 'node:worker_threads';
import type { IbmmqScript, ScriptedCall } from './scripted-ibmmq.js';

export interface ScriptedIbmmq {
  /** For `new IbmMqClient({ binding })`: the scripted module, with its script in the URL. */
  readonly binding: string;
  /** Every ibmmq call the MQ thread made so far, in order. */
  calls(): Promise<ScriptedCall[]>;
  close(): void;
}

/** A scripted ibmmq (scripted-ibmmq.ts) of its own: a distinct URL is a distinct module, so a distinct MQ thread and queue. */
export function scriptedIbmmq(script: Omit<IbmmqScript, 'channel'> = {}): ScriptedIbmmq {
  const name = `scripted-ibmmq-${randomUUID()}`;
  const url = new URL('./scripted-ibmmq.ts', import.meta.url);
  url.searchParams.set('script', JSON.stringify({ ...script, channel: name } satisfies IbmmqScript));
  const channel = new BroadcastChannel(name);
  return {
    binding: url.href,
    calls: () =>
      new Promise((resolve) => {
        channel.onmessage = (event) => resolve((event as unknown as { data: { calls: ScriptedCall[] } }).data.calls);
        channel.postMessage('calls?');
      }),
    close: () => channel.close(),
  };
}
