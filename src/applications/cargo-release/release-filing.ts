import type { Catalog } from '../../catair/catalog.js';
import type { TxRecord } from '../shared/record.js';

/** A bill of the filing: its SE15 and the SE16 conveyance records (split parts, non-AMS) after it (SE-44, SE-51). */
export interface FiledBill {
  readonly record: TxRecord;
  readonly parts: readonly TxRecord[];
}

/** A tariff of a line: its SE60 and the PG01 records of the PGA lines that follow it (PG-13). */
export interface FiledTariff {
  readonly record: TxRecord;
  readonly pgaLines: readonly TxRecord[];
}

/** A line of the filing: its SE40 and its tariffs. */
export interface FiledLine {
  readonly record: TxRecord;
  readonly tariffs: readonly FiledTariff[];
}

/** What a release notification (SO) repeats of the SE transaction it is about. */
export interface ReleaseFiling {
  /** SE10: filer, entry number and type, importer, mode, ports, split shipment release code. */
  readonly header: TxRecord;
  /** SE11: conveyance name and voyage. */
  readonly detail?: TxRecord;
  /** SE13: the split shipment indicator. */
  readonly contact?: TxRecord;
  readonly bills: readonly FiledBill[];
  /** SE20 references (CR and RRN come back in SO20, SE-55). */
  readonly references: readonly TxRecord[];
  readonly lines: readonly FiledLine[];
}

/**
 * Reads an SE transaction's records (in input order, read with their SE. layouts) into what a
 * release notification repeats. The records come as grouped by the cargo release grammar, so each
 * SE16 follows its SE15 and each SE60 its SE40; the ISF records (SF..) say nothing an SO repeats.
 */
export function readReleaseFiling(records: readonly TxRecord[]): ReleaseFiling {
  const header = records.find((r) => r.id === 'SE10');
  if (!header) throw new Error('readReleaseFiling: no SE10 among the records; pass the records of a whole SE transaction (tx.records, or recordsOnFile of the filing kept), which start with its SE10');
  const bills: { record: TxRecord; parts: TxRecord[] }[] = [];
  const lines: { record: TxRecord; tariffs: { record: TxRecord; pgaLines: TxRecord[] }[] }[] = [];
  for (const record of records) {
    if (record.id === 'SE15') bills.push({ record, parts: [] });
    else if (record.id === 'SE16') bills.at(-1)?.parts.push(record);
    else if (record.id === 'SE40') lines.push({ record, tariffs: [] });
    else if (record.id === 'SE60') lines.at(-1)?.tariffs.push({ record, pgaLines: [] });
    else if (record.id === 'PG01') lines.at(-1)?.tariffs.at(-1)?.pgaLines.push(record);
  }
  const detail = records.find((r) => r.id === 'SE11');
  const contact = records.find((r) => r.id === 'SE13');
  return {
    header,
    ...(detail && { detail }),
    ...(contact && { contact }),
    bills,
    references: records.filter((r) => r.id === 'SE20'),
    lines,
  };
}

/**
 * The records of the filing kept on file (FiledRelease.records), read again with the layouts the
 * cargo release grammar names: SE.<id> for the cargo release records, the shared layouts for PGA.
 */
export function recordsOnFile(catalog: Catalog, texts: readonly string[]): TxRecord[] {
  return texts.map((text, i) => {
    const id = text.slice(0, 4);
    const name = catalog.hasLayout(`SE.${id}`) ? `SE.${id}` : id;
    return { id, text, position: i + 1, ...(catalog.hasLayout(name) && { layout: catalog.layout(name) }), problems: [] };
  });
}
