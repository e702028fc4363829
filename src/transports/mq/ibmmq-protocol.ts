import type { ContextField, GetOptions, MessageProperties, MqConnectOptions, Mqmd, MqVerb, OpenPurpose, QueueAddress } from './client.js';

/**
 * What `IbmMqClient` (main thread) and the MQ thread (ibmmq-worker.ts) say to each other. Handles
 * cross as numbers the main thread hands out; Buffers cross as Uint8Arrays (structured clone
 * copies them, or a message body's ArrayBuffer is transferred).
 */

/** Passed as `workerData`: the module to use as `ibmmq` ('ibmmq' itself, or a scripted stand-in in tests). */
export interface MqThreadData {
  readonly binding: string;
}

/** Wire form of a descriptor: the Buffers as Uint8Arrays. */
export type WireMqmd = { readonly [K in keyof Mqmd]: Mqmd[K] extends Buffer ? Uint8Array : Mqmd[K] };
/** A descriptor to put, all fields set (mqmdToPut has applied MQ's defaults on the main side). */
export type WirePutMd = Omit<WireMqmd, 'BackoutCount' | ContextField>;

export interface WirePutOptions {
  readonly syncpoint: boolean;
  readonly properties?: MessageProperties;
  /** The id of the input queue whose saved context the put passes on (MQPMO_PASS_ALL_CONTEXT). */
  readonly passContextFrom?: number;
}

export interface WireGetOptions extends Omit<GetOptions, 'match'> {
  readonly match: { readonly msgId?: Uint8Array; readonly correlId?: Uint8Array };
}

export interface WireMessage {
  readonly md: WireMqmd;
  readonly body: Uint8Array;
  readonly warning?: number;
  readonly properties?: MessageProperties;
}

interface Call<V extends MqVerb> {
  /** Matches the answer to its call. */
  readonly call: number;
  readonly verb: V;
  readonly connection: number;
}

export type MqRequest =
  | (Call<'connect'> & { readonly options: MqConnectOptions })
  | (Call<'open'> & { readonly queue: number; readonly name: string; readonly purpose: OpenPurpose })
  | (Call<'get'> & { readonly queue: number; readonly options: WireGetOptions })
  | (Call<'put'> & { readonly queue: number; readonly md: WirePutMd; readonly body: Uint8Array; readonly options: WirePutOptions })
  | (Call<'put1'> & { readonly target: QueueAddress; readonly md: WirePutMd; readonly body: Uint8Array; readonly options: WirePutOptions })
  | (Call<'inquire'> & { readonly queue?: number; readonly selectors: readonly number[] })
  | (Call<'close'> & { readonly queue: number })
  | Call<'commit'>
  | Call<'backout'>
  | Call<'disconnect'>;

/** An MQI failure keeps MQ's codes; anything else (a TypeError from ibmmq's checks) keeps its name and text. */
export type WireError = { readonly mqrc: number; readonly mqcc: number; readonly verb: MqVerb } | { readonly name: string; readonly message: string };

export type MqAnswer =
  | { readonly call: number; readonly ok: true; readonly value: WireMessage | WireMqmd | readonly (number | string)[] | null }
  | { readonly call: number; readonly ok: false; readonly error: WireError };

/** The MQ thread's first word: whether the binding loaded. */
export type MqThreadStatus = { readonly status: 'ready' } | { readonly status: 'unavailable'; readonly message: string };
