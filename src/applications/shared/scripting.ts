import type { Catalog } from '../../catair/catalog.js';
import type { Severity } from '../../catair/dictionary.js';
import type { Block } from '../../catair/envelope.js';
import { readField } from '../../catair/record.js';
import type { Answer } from '../../scenarios/format.js';
import type { FieldSource } from '../../scenarios/match.js';
import type { Direction } from '../scenario-port.js';
import { type TxRecord, value } from './record.js';

/**
 * A transaction's fields as scenario matchers read them: its records by id (each with its own
 * layout), B its block header. The records are walked once, on the first question, and kept by id:
 * matching asks many questions of one transaction.
 */
export function transactionFields(block: Block, catalog: Catalog, records: () => Iterable<TxRecord>): FieldSource {
  let byId: Map<string, TxRecord[]> | undefined;
  const recordsWithId = (id: string): readonly TxRecord[] => {
    if (!byId) {
      byId = new Map();
      for (const record of records()) {
        const same = byId.get(record.id);
        if (same) same.push(record);
        else byId.set(record.id, [record]);
      }
    }
    return byId.get(id) ?? [];
  };
  return {
    valuesOf(recordId, field) {
      if (recordId === 'B') return [readField(catalog.layout('B'), block.header.text, field)];
      return recordsWithId(recordId).map((record) => value(record, field));
    },
  };
}

/** How long a scripted answer holds the reply back (ms): its delay, or one drawn from its {min, max} with the seeded generator. */
export function scriptedDelay(answer: Answer | undefined, random: () => number): number {
  const d = answer?.delay;
  if (d === undefined) return 0;
  if (typeof d === 'number') return d;
  return d.min + Math.floor(random() * (d.max - d.min + 1));
}

/** The scenario stage's decision as the journal keeps it with a transaction's outcome. */
export function directed(direction: Direction): { scenario?: string; step?: number; reason: string; advanceClock?: string } {
  return {
    ...(direction.scenario !== undefined && { scenario: direction.scenario }),
    ...(direction.step !== undefined && { step: direction.step }),
    reason: direction.reason,
    ...(direction.answer?.advanceClock !== undefined && { advanceClock: direction.answer.advanceClock }),
  };
}

/**
 * A condition's narrative and severity: the scenario's own where it gives them, else the error
 * dictionary's as the output application (`response`) means the code; F for a custom code.
 */
export function wording(catalog: Catalog, response: string, c: { readonly code: string; readonly narrative?: string; readonly severity?: Severity }): { narrative: string; severity: Severity } {
  const known = catalog.dictionary.has(c.code, response) ? catalog.dictionary.get(c.code, response) : undefined;
  return { narrative: c.narrative ?? known?.narrative ?? '', severity: c.severity ?? known?.severity ?? 'F' };
}
