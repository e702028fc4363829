import { writeOutputB, writeOutputY } from '../catair/batch-output.js';
import type { Catalog } from '../catair/catalog.js';
import type { Outbox } from './outbox.js';

/**
 * What a notice's block is: records to put between a B and Y built from the causing block's header
 * (UC, SO), or a whole block with its own B record (a PF statement's B carries the statement).
 */
export type NoticeBody =
  | {
      /** The B record its B and Y are built from (the causing block's). */
      readonly blockHeader: string;
      /** The output application id of its block, e.g. UC, SO. */
      readonly application: string;
      /** The records between its B and Y. */
      readonly records: readonly string[];
    }
  | { readonly block: readonly string[] };

/** An unsolicited message for a filer: its block, whom it goes to, and when. */
export type Notice = NoticeBody & NoticeEnvelope;

interface NoticeEnvelope {
  readonly session: string;
  readonly filer: string;
  /** The exchange it follows from (the filing, for a statement or a liquidation notice). */
  readonly exchangeId: string;
  /** The door that exchange came through: MQ pushes its own, HTTP clients poll. */
  readonly transport: string;
  readonly summary: string;
  readonly deliverAt: Date;
  /** The causing batch's A record sender site and id (B&B-38); absent for bare blocks. */
  readonly site?: string;
  readonly sender?: string;
}

/** Queues notices in the outbox as whole blocks (B … Y), in the caller's transaction. */
export class OutboxNotices {
  constructor(
    private readonly catalog: Catalog,
    private readonly outbox: Outbox,
  ) {}

  send(n: Notice): void {
    this.outbox.add({
      session: n.session,
      filer: n.filer,
      exchangeId: n.exchangeId,
      transport: n.transport,
      deliverAt: n.deliverAt.toISOString(),
      records:
        'block' in n
          ? n.block
          : [writeOutputB(this.catalog, n.blockHeader, n.application), ...n.records, writeOutputY(this.catalog, n.blockHeader, n.application, n.records.length)],
      summary: n.summary,
      ...(n.site !== undefined && { site: n.site }),
      ...(n.sender !== undefined && { sender: n.sender }),
    });
  }
}
