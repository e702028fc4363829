import type { Answer } from '../../scenarios/format.js';
import type { CargoReleaseTx, CrCondition, TxRecord } from './transaction.js';

/**
 * A scenario's conditions, each on the record its `at` names: the transaction (its SE10), a line
 * (its SE40) or a tariff of a line (its SE60); lines and tariffs count from 1 in input order, and
 * one the transaction does not have falls back to the SE10.
 */
export function scriptedConditions(tx: CargoReleaseTx, answer: Answer): CrCondition[] {
  return answer.conditions.map((c) => ({
    code: c.code,
    record: recordAt(tx, c.at),
    ...(c.narrative !== undefined && { narrative: c.narrative }),
    ...(c.severity !== undefined && { severity: c.severity }),
  }));
}

function recordAt(tx: CargoReleaseTx, at: Answer['conditions'][number]['at']): TxRecord {
  if (typeof at === 'string') return tx.header;
  const line = tx.lines[at.line - 1];
  if (!line) return tx.header;
  if (at.tariff === undefined) return line.record;
  return line.tariffs[at.tariff - 1]?.record ?? line.record;
}
