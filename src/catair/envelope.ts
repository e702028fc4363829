import type { Catalog } from './catalog.js';
import type { FramingProblem } from './framing.js';
import type { Layout } from './layout.js';
import { checkRecord, readField } from './record.js';

/**
 * Where an X1 condition points, which is also the level CBP answers it at (Batch & Block v23):
 * - `batch`: the A or Z record, or control records missing or out of sequence (B&B-34). No X0 is
 *   written (B&B-29) and the blocks are not examined.
 * - `block`: a B or Y record, or the block as a whole (B&B-35): one `X0 BLOCK` names the block.
 * - `record`: a transaction record of a block, column 0 for the whole record (B&B-36): `X0 BLOCK`,
 *   then `X0 TRNACT` with the record's position in the batch.
 * `position` is the record the problem was found on (1-based in the transmission), `column` its
 * column (0: the whole record); batch- and block-level ones keep them for the journal and console.
 */
export type BatchPointer =
  | { readonly kind: 'batch'; readonly position: number; readonly column: number }
  | { readonly kind: 'block'; readonly block: number; readonly position: number; readonly column: number }
  | { readonly kind: 'record'; readonly block: number; readonly position: number; readonly column: number };

/** A batch/block (syntax) condition: any one of them rejects the whole batch. */
export interface BatchCondition {
  readonly code: string;
  readonly pointer: BatchPointer;
  /** Why it was raised there, for people, when the check knows (never written into the X1). */
  readonly why?: string;
}

/** A record together with its 1-based position in the transmission. */
export interface PositionedRecord {
  readonly text: string;
  readonly position: number;
}

export interface Block {
  /** 1-based block number within the batch. */
  readonly number: number;
  readonly header: PositionedRecord;
  readonly details: PositionedRecord[];
  trailer?: PositionedRecord;
}

export interface Batch {
  readonly header?: PositionedRecord;
  readonly blocks: Block[];
  trailer?: PositionedRecord;
  readonly conditions: BatchCondition[];
}

const atBatch = (position: number, column = 0): BatchPointer => ({ kind: 'batch', position, column });
const atBlock = (block: Block, position = block.header.position, column = 0): BatchPointer => ({
  kind: 'block',
  block: block.number,
  position,
  column,
});

/**
 * Splits a framed transmission into its batch (A … Z) and blocks (B … Y) and applies the ABI
 * Batch & Block Control rules. Transaction records inside a block are left to the application.
 * A transmission that starts with a B record is read as bare blocks with no A/Z, as some filer
 * software stores them; anything else must be a whole batch.
 *
 * The conditions returned are those of the highest level found (see `BatchPointer`): with a
 * batch-level problem the blocks are not examined (B&B-34), with a block-level one no transaction
 * is (B&B-35).
 *
 * `implemented` holds the application ids this mock answers (the application registry): any other
 * id schemas/codes/application-ids.yaml knows is X13, not currently available (B&B-32).
 */
export function readEnvelope(records: readonly string[], framing: readonly FramingProblem[], catalog: Catalog, implemented: ReadonlySet<string>): Batch {
  const conditions: BatchCondition[] = [];
  const add: Add = (code, pointer) => {
    conditions.push({ code, pointer });
  };
  const bare = records[0]?.[0] === 'B';
  const header: PositionedRecord | undefined = records[0]?.[0] === 'A' ? { text: records[0], position: 1 } : undefined;
  const blocks: Block[] = [];
  let trailer: PositionedRecord | undefined;
  let open: Block | undefined;
  let strayReported = false;

  for (let i = header ? 1 : 0; i < records.length; i++) {
    const text = records[i] as string;
    const position = i + 1;
    if (trailer) {
      // One batch per message: whatever follows the Z record is out of sequence.
      add('X35', atBatch(position));
      break;
    }
    const id = text[0];
    if (id === 'B') {
      if (open) add('X05', atBatch(open.header.position));
      open = { number: blocks.length + 1, header: { text, position }, details: [] };
      blocks.push(open);
    } else if (id === 'Y' && open) {
      open.trailer = { text, position };
      open = undefined;
    } else if (id === 'Z' && !bare) {
      if (open) add('X05', atBatch(open.header.position));
      open = undefined;
      trailer = { text, position };
    } else if (open) {
      open.details.push({ text, position });
    } else if (!strayReported) {
      // Transaction records outside any block: the B record in front of them is missing.
      add('X03', atBatch(position));
      strayReported = true;
    }
  }
  if (open) add('X05', atBatch(open.header.position));
  if (!header && !bare && !strayReported) add('X03', atBatch(1));
  if (!trailer && !bare) add('X06', atBatch(records.length));

  const batch: Batch = { ...(header && { header }), blocks, ...(trailer && { trailer }), conditions };
  for (const p of framing) add(p.code, locate(batch, p.position, p.column));
  checkBatchRecords(batch, catalog, implemented, add);
  if (!conditions.some((c) => c.pointer.kind === 'batch')) {
    for (const block of blocks) checkBlock(batch, block, catalog, implemented, add);
  }
  conditions.sort((a, b) => a.pointer.position - b.pointer.position);
  return { ...batch, conditions: highestLevel(conditions) };
}

/**
 * The level of a problem found on one record (a record of the wrong length): the A, the Z or a
 * record outside any block is batch level, a B or Y block level, anything else a transaction record.
 */
function locate(batch: Batch, position: number, column: number): BatchPointer {
  for (const block of batch.blocks) {
    if (position === block.header.position || position === block.trailer?.position) return atBlock(block, position, column);
    if (block.details.some((d) => d.position === position)) return { kind: 'record', block: block.number, position, column };
  }
  return atBatch(position, column);
}

/** The conditions of the highest level present: batch, else block, else transaction records. */
function highestLevel(conditions: readonly BatchCondition[]): BatchCondition[] {
  for (const level of ['batch', 'block'] as const) {
    const found = conditions.filter((c) => c.pointer.kind === level);
    if (found.length > 0) return found;
  }
  return [...conditions];
}

type Add = (code: string, pointer: BatchPointer) => void;

/** Field checks on an envelope record: filler, non-standard data, and each field's own condition. */
function checkEnvelopeFields(layout: Layout, rec: PositionedRecord, at: (column: number) => BatchPointer, catalog: Catalog, add: Add): void {
  for (const p of checkRecord(layout, rec.text, catalog)) {
    const pointer = at(p.column);
    if (p.kind === 'filler') add('X39', pointer);
    else if (p.kind === 'nonstandard') add('X40', pointer);
    else if (p.kind === 'missing' && p.field.missing) add(p.field.missing, pointer);
    else if (p.kind === 'invalid' && p.field.invalid) add(p.field.invalid, pointer);
    else if (p.kind === 'invalid' && p.field.codes === 'application-ids') add('X12', pointer);
    // A blank Y or Z field with no condition of its own is reported by the match with B (X32) or A (X14).
    else if (p.kind === 'invalid') add('X40', pointer);
  }
}

function checkBatchRecords(batch: Batch, catalog: Catalog, implemented: ReadonlySet<string>, add: Add): void {
  const aLayout = catalog.layout('A');
  const { header, trailer } = batch;
  if (header) {
    checkEnvelopeFields(aLayout, header, (column) => atBatch(header.position, column), catalog, add);
    const app = readField(aLayout, header.text, 'applicationId');
    if (catalog.codes('application-ids').has(app) && !implemented.has(app)) add('X13', atBatch(header.position, aLayout.byName.get('applicationId')?.start ?? 0));
  }
  if (trailer) {
    const zLayout = catalog.layout('Z');
    checkEnvelopeFields(zLayout, trailer, (column) => atBatch(trailer.position, column), catalog, add);
    if (
      header &&
      (readField(zLayout, trailer.text, 'siteCode') !== readField(aLayout, header.text, 'siteCode') ||
        readField(zLayout, trailer.text, 'senderId') !== readField(aLayout, header.text, 'senderId'))
    ) {
      add('X14', atBatch(trailer.position));
    }
  }
}

function checkBlock(batch: Batch, block: Block, catalog: Catalog, implemented: ReadonlySet<string>, add: Add): void {
  const bLayout = catalog.layout('B');
  const b = block.header.text;
  const here = atBlock(block);
  checkEnvelopeFields(bLayout, block.header, (column) => atBlock(block, block.header.position, column), catalog, add);
  const app = readField(bLayout, b, 'applicationId');
  const appEntry = catalog.codes('application-ids').get(app);
  if (batch.header && app !== '') {
    const batchApp = readField(catalog.layout('A'), batch.header.text, 'applicationId');
    if (batchApp !== '' && batchApp !== app) add('X19', here);
  }
  if (appEntry && !implemented.has(app) && !batch.header) add('X13', here);
  // X23 needs a known application: B&B-35 answers a block of unknown application EI with preparer
  // data by X12 and X19, no X23.
  checkPreparer(block, bLayout, appEntry === undefined || appEntry['preparerAllowed'] === true, add);
  if (block.details.length === 0) add('X04', here);
  if (!block.trailer) return;
  const yLayout = catalog.layout('Y');
  const yRecord = block.trailer;
  checkEnvelopeFields(yLayout, yRecord, (column) => atBlock(block, yRecord.position, column), catalog, add);
  for (const name of ['port', 'filer', 'applicationId']) {
    if (readField(yLayout, yRecord.text, name) !== readField(bLayout, b, name)) {
      add('X32', atBlock(block, yRecord.position, yLayout.byName.get(name)?.start ?? 0));
      break;
    }
  }
}

/**
 * Remote location filing / preparer rules on B 47-56. The indicator is blank or "1"; "1" needs the
 * preparer port and filer; preparer data needs the indicator; the preparer filer must be the
 * processing filer (X26); the preparer port must look like a Schedule D port (4 digits, else X28).
 */
function checkPreparer(block: Block, layout: Layout, allowed: boolean, add: Add): void {
  const b = block.header.text;
  const here = atBlock(block);
  const indicator = readField(layout, b, 'preparerIndicator');
  const port = readField(layout, b, 'preparerPort');
  const filer = readField(layout, b, 'preparerFiler');
  const office = readField(layout, b, 'preparerOffice');
  const anyData = port !== '' || filer !== '' || office !== '';
  if (indicator !== '' && indicator !== '1') {
    add('X21', here);
    return;
  }
  if (indicator === '' && !anyData) return;
  if (!allowed) {
    add('X23', here);
    return;
  }
  if (indicator === '') {
    add('X22', here);
    return;
  }
  if (port === '') add('X24', here);
  else if (!/^\d{4}$/.test(port)) add('X28', here);
  if (filer === '') add('X25', here);
  else if (filer !== readField(layout, b, 'filer')) add('X26', here);
}
