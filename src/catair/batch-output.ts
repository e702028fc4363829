import type { Catalog } from './catalog.js';
import type { Batch, BatchCondition, Block } from './envelope.js';
import { readField, writeRecord } from './record.js';

/**
 * Input text as an answer may echo it: a character outside printable ASCII (often the very reason
 * the batch is rejected) becomes a space, so that the answer itself is always CATAIR.
 */
const printable = (record: string): string => record.replace(/[^\x20-\x7e]/g, ' ');

/** Output A: the input A with the password blanked and the response application id (blank if rejected). */
export function writeOutputA(catalog: Catalog, input: string, responseApp: string): string {
  const layout = catalog.layout('A');
  const a = printable(input);
  return writeRecord(layout, {
    siteCode: readField(layout, a, 'siteCode'),
    senderId: readField(layout, a, 'senderId'),
    transmissionDate: readField(layout, a, 'transmissionDate'),
    applicationId: responseApp,
    officeCode: readField(layout, a, 'officeCode'),
    userText: a.slice(59, 80),
  });
}

/** Output B: the input B with the response application id; preparer fields and user text echoed. */
export function writeOutputB(catalog: Catalog, input: string, responseApp: string): string {
  const layout = catalog.layout('B');
  const b = printable(input);
  const echoed: Record<string, string> = {};
  for (const f of layout.fields) echoed[f.name] = b.slice(f.offset, f.end);
  echoed['controlFlags'] = '';
  echoed['applicationId'] = responseApp;
  return writeRecord(layout, echoed);
}

export function writeOutputY(catalog: Catalog, input: string, responseApp: string, count: number): string {
  const bLayout = catalog.layout('B');
  const b = printable(input);
  return writeRecord(catalog.layout('Y.out'), {
    port: readField(bLayout, b, 'port'),
    filer: readField(bLayout, b, 'filer'),
    applicationId: responseApp,
    recordCount: count,
    officeCode: readField(bLayout, b, 'officeCode'),
  });
}

/** Output Z: mirrors the input Z (or, without one, the A). */
export function writeOutputZ(catalog: Catalog, batch: Batch): string {
  const source = printable(batch.trailer?.text ?? batch.header?.text ?? '');
  const layout = catalog.layout(batch.trailer ? 'Z' : 'A');
  return writeRecord(catalog.layout('Z'), {
    siteCode: readField(layout, source, 'siteCode'),
    senderId: readField(layout, source, 'senderId'),
    transmissionDate: readField(layout, source, 'transmissionDate'),
    officeCode: readField(layout, source, 'officeCode'),
  });
}

/** `X0 BLOCK`: the block's place in the batch and its B record's identifying fields (B&B-30 table 1). */
function writeBlockReference(catalog: Catalog, block: Block): string {
  const bLayout = catalog.layout('B');
  const b = printable(block.header.text);
  const echo = (name: string): string => readField(bLayout, b, name);
  return writeRecord(catalog.layout('X0.BLOCK'), {
    occurrence: block.number,
    port: echo('port'),
    filer: echo('filer'),
    officeCode: echo('officeCode'),
    applicationId: echo('applicationId'),
    userText: b.slice(59, 80),
    preparerPort: echo('preparerPort'),
    preparerFiler: echo('preparerFiler'),
    preparerOffice: echo('preparerOffice'),
    preparerIndicator: echo('preparerIndicator'),
  });
}

/**
 * `X0 TRNACT`: the transaction's place in its block, the record's place in the batch and the
 * column of the problem, 00 for the whole record (B&B-30 table 1; B&B-36).
 */
function writeTransactionReference(catalog: Catalog, block: Block, position: number, column: number): string {
  return writeRecord(catalog.layout('X0.TRNACT'), {
    occurrence: transactionOrdinal(catalog, block, position),
    recordPosition: position,
    column,
  });
}

/**
 * Which transaction of the block (1-based) the record at `position` belongs to. A transaction opens
 * with its application's first record (`transactionStart` in schemas/codes/application-ids.yaml);
 * records in front of the first one are read as a first transaction that lacks it.
 */
function transactionOrdinal(catalog: Catalog, block: Block, position: number): number {
  const app = readField(catalog.layout('B'), block.header.text, 'applicationId');
  const start = catalog.codes('application-ids').get(app)?.['transactionStart'];
  const opens = (text: string): boolean => typeof start === 'string' && text.startsWith(start);
  let ordinal = block.details[0] && opens(block.details[0].text) ? 0 : 1;
  for (const rec of block.details) {
    if (rec.position > position) break;
    if (opens(rec.text)) ordinal++;
  }
  return ordinal;
}

function writeX1(catalog: Catalog, code: string, final: boolean): string {
  const entry = catalog.dictionary.get(code);
  return writeRecord(catalog.layout('X1'), {
    disposition: final ? 'R' : '',
    severity: 'F',
    condition: code,
    narrative: entry.narrative,
  });
}

/**
 * The whole batch rejected, in CBP's form (B&B-19, B&B-34..36): the A echoed (application id
 * blank), an ACE-generated B, then the conditions in the order given: a batch-level one as its X1
 * alone (B&B-29: no X0 for the A/Z grouping); for a block, one `X0 BLOCK` in front of its
 * conditions, and in front of each condition on a transaction record an `X0 TRNACT`. Then
 * `X1RF999 BATCH REJECTED` and the ACE-generated Y (counting the records between B and Y) and Z.
 */
export function writeBatchRejection(catalog: Catalog, batch: Batch, conditions: readonly BatchCondition[]): string[] {
  const out: string[] = [];
  if (batch.header) out.push(writeOutputA(catalog, batch.header.text, ''));
  out.push(writeRecord(catalog.layout('B.fallback'), {}));
  const details: string[] = [];
  let referenced: Block | undefined;
  for (const { code, pointer } of conditions) {
    if (pointer.kind !== 'batch') {
      const block = batch.blocks[pointer.block - 1];
      if (!block) throw new Error(`condition ${code} points at block ${pointer.block}, which the batch does not have`);
      if (block !== referenced) details.push(writeBlockReference(catalog, block));
      referenced = block;
      if (pointer.kind === 'record') details.push(writeTransactionReference(catalog, block, pointer.position, pointer.column));
    }
    details.push(writeX1(catalog, code, false));
  }
  details.push(writeX1(catalog, '999', true));
  out.push(...details);
  out.push(writeRecord(catalog.layout('Y.fallback'), { recordCount: details.length }));
  out.push(writeRecord(catalog.layout('Z.fallback'), {}));
  return out;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** MMDDYY of a date, in UTC, as CATAIR dates are written. */
export function mmddyy(date: Date): string {
  return `${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCFullYear() % 100)}`;
}

/** HHMM (or HHMMSS with seconds) of a time, in UTC like `mmddyy`, as CATAIR times are written. */
export function hhmm(date: Date, seconds = false): string {
  return `${two(date.getUTCHours())}${two(date.getUTCMinutes())}${seconds ? two(date.getUTCSeconds()) : ''}`;
}

/**
 * An unsolicited block (B … Y, e.g. a UC notification) as a whole batch for MQ: an A and a Z
 * addressed to the sender/receiver site and id of the transmission that caused it (B&B-38), or to
 * the block's port and filer when it came as bare blocks, dated the day it is sent, with the block's
 * application id.
 */
export function wrapUnsolicited(catalog: Catalog, block: readonly string[], date: Date, addressee: { site?: string; sender?: string } = {}): string[] {
  const bLayout = catalog.layout('B');
  const b = block[0] ?? '';
  const envelope = {
    siteCode: addressee.site ?? readField(bLayout, b, 'port'),
    senderId: addressee.sender ?? readField(bLayout, b, 'filer'),
    transmissionDate: mmddyy(date),
  };
  return [
    writeRecord(catalog.layout('A'), { ...envelope, applicationId: readField(bLayout, b, 'applicationId') }),
    ...block,
    writeRecord(catalog.layout('Z'), envelope),
  ];
}
