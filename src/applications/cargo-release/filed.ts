import { readField } from '../../catair/record.js';
import { type TxRecord, value } from '../shared/record.js';
import type { FiledRelease } from './release-store.js';
import type { CargoReleaseTx } from './transaction.js';

/**
 * The SE10 fields an update restates when it gives them: the port of entry (SE-33 note 1, SE-35
 * note 7) and the transport data, mode and port of unlading (SE-33 note 1). Left blank, they stay
 * as on file: a blank planned port asks CBP to derive it on a filing, not to forget it.
 */
const UPDATED_HEADER_FIELDS = ['plannedPortOfEntry', 'modeOfTransport', 'portOfUnlading'] as const;

/**
 * The SE11 fields an update's SE11 restates, blanks included: the location of goods (SE-40 note
 * 4), the conveyance, voyage and general order number (transport and manifest data, SE-33 note 1)
 * and the immediate delivery request (SE-41 note 9: it may be taken back until release or the
 * summary, which the rules check). Its entry date election, exam site and warehouse data are not
 * what an update is for (SE-25): they stay as on file.
 */
const UPDATED_ADDITIONAL_FIELDS = ['locationOfGoods', 'conveyanceOrFtz', 'voyage', 'generalOrderNumber', 'immediateDelivery'] as const;

/** The records of one bill grouping (SE-22, SE-25). */
const BILL_RECORDS = ['SE15', 'SE16', 'SE17'];
/** The records of the SE header an update may carry (SE-25), kept apart from the rest of the filing on file. */
const HEADER_RECORDS = ['SE10', 'SE11', 'SE13', ...BILL_RECORDS, 'SE20'];

/** What a whole filing (add, replace) puts on file. */
export function filedFrom(tx: CargoReleaseTx): FiledRelease {
  const se11 = tx.additional;
  return {
    port: value(tx.header, 'plannedPortOfEntry'),
    importer: value(tx.header, 'importerNumber'),
    modeOfTransport: value(tx.header, 'modeOfTransport'),
    bondType: value(tx.header, 'bondType'),
    immediateDelivery: se11 !== undefined && value(se11, 'immediateDelivery') === 'Y',
    weeklyEntry: se11 !== undefined && value(se11, 'entryDateElection') === 'W',
    bills: billNumbers(tx),
    records: tx.records.map((r) => r.text),
  };
}

/**
 * What an update (U) leaves on file: it replaces the port of entry and the mode when it gives them,
 * the bills when it sends any (each bill grouping as sent, SE-25), and with an SE11 the fields of it
 * an update is for, the immediate delivery request among them (SE-25 note 2, SE-40 note 4, SE-41
 * note 9). The records kept of the filing (FiledRelease.records) change the same way, so a later
 * notice or check reads the filing as updated; its parties and lines, which an update cannot carry,
 * stay as they were.
 */
export function updatedFiling(filed: FiledRelease, tx: CargoReleaseTx): FiledRelease {
  const port = value(tx.header, 'plannedPortOfEntry');
  const mode = value(tx.header, 'modeOfTransport');
  const se11 = tx.additional;
  return {
    ...filed,
    ...(port !== '' && { port }),
    ...(mode !== '' && { modeOfTransport: mode }),
    ...(se11 && { immediateDelivery: value(se11, 'immediateDelivery') === 'Y' }),
    ...(tx.bills.length > 0 && { bills: billNumbers(tx) }),
    ...(filed.records && { records: updatedRecords(filed.records, tx) }),
  };
}

/**
 * The records of the filing on file after an update, in the order of the input map (SE-22): its
 * SE10 and SE11 with the fields the update restates; its SE13; the update's bill groupings if it
 * sends any, else those on file; the SE20 references on file but those whose qualifier the update
 * sends again, then the update's; then the parties, lines and ISF records as they were.
 */
function updatedRecords(records: readonly string[], tx: CargoReleaseTx): string[] {
  const withId = (id: string) => records.filter((r) => r.startsWith(id));
  const [header = tx.header.text] = withId('SE10');
  const [additional] = withId('SE11');
  const sent = new Set(tx.references.map((r) => value(r, 'qualifier')));
  const referenceLayout = tx.references[0]?.layout;
  const keptReferences = withId('SE20').filter((r) => !referenceLayout || !sent.has(readField(referenceLayout, r, 'qualifier')));
  const bills = tx.bills.length > 0 ? tx.bills.flatMap((g) => [...g.bills, ...g.conveyances, ...g.equipment]).map((r) => r.text) : records.filter((r) => BILL_RECORDS.includes(r.slice(0, 4)));
  return [
    restate(header, tx.header, UPDATED_HEADER_FIELDS, { keepBlank: true }),
    ...(tx.additional ? [restate(additional ?? tx.additional.text.slice(0, 4).padEnd(80), tx.additional, UPDATED_ADDITIONAL_FIELDS, { keepBlank: false })] : additional ? [additional] : []),
    ...withId('SE13'),
    ...bills,
    ...keptReferences,
    ...tx.references.map((r) => r.text),
    ...records.filter((r) => !HEADER_RECORDS.includes(r.slice(0, 4))),
  ];
}

/** `onFile` with the named fields as the update's record gives them (a blank one left alone when `keepBlank`). */
function restate(onFile: string, update: TxRecord, names: readonly string[], options: { keepBlank: boolean }): string {
  const layout = update.layout;
  if (!layout) return onFile;
  let text = onFile;
  for (const name of names) {
    const field = layout.byName.get(name);
    if (!field) throw new Error(`restate: ${layout.name} has no field ${name}`);
    const given = update.text.slice(field.offset, field.end);
    if (options.keepBlank && given.trim() === '') continue;
    text = text.slice(0, field.offset) + given + text.slice(field.end);
  }
  return text;
}

/** The bill and in-bond numbers of the transaction's SE15 records, in input order. */
function billNumbers(tx: CargoReleaseTx): string[] {
  return tx.bills.flatMap((g) => g.bills.map((b) => value(b, 'billNumber')));
}
