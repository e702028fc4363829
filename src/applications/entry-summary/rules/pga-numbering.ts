import type { EsCondition, PgaSubstitutionProblem, Reference, Tariff, Line } from '../transaction.js';
import { type Rule, SUMMARY } from './rule.js';
import { value } from '../../shared/record.js';

const LINE_NUMBER_WIDTH = 3;

/**
 * Numbering in the PGA message set.
 * - PG-70: the PG00 substitution groups of a transaction are numbered 0001, 0002 … in turn (a
 *   number that does not follow the previous one is reported on its PG00 S), and a PG00 R must
 *   name one of them (else it cannot be replaced; reported whatever `pgaNumbering` says).
 * - PG-13, PG-65: within a tariff line the PG01 PGA line numbers count 001, 002 … for each agency
 *   code, starting again at 001 for each other agency.
 * The dictionary has no condition for these faults (P04 is only a missing PGA line number): each
 * is its general PGA condition, "PGA DATA REJECTED". With `pgaNumbering: unchecked` only the PG00 R
 * naming no group is reported.
 */
export const pgaNumbering: Rule = (tx, ctx) => {
  const checked = ctx.options.pgaNumbering === 'checked';
  const found: EsCondition[] = tx.pgaSubstitution.unresolved.map(substitutionCondition);
  if (!checked) return found;
  found.push(...tx.pgaSubstitution.misnumbered.map(substitutionCondition));
  for (const line of tx.lines) for (const tariff of line.tariffs) found.push(...lineNumbers(line, tariff));
  return found;
};

function substitutionCondition(p: PgaSubstitutionProblem): EsCondition {
  const ref: Reference = p.line ? { kind: 'line', line: p.line } : SUMMARY;
  return { code: 'PGA', ref, record: p.record, field: 'substitutionNumber' };
}

/**
 * PG-13: "starts at 001 for a given Agency Code, and increments by one for every new appearance
 * of a PG01 for that same Agency Code". Where an agency comes back after another (EP, FS, EP) the
 * count goes on (002), as that sentence says; PG-65's "restart at 001 with the new agency" is read
 * as the first PG01 of each agency. A blank number or agency is P04/P05 already.
 */
function lineNumbers(line: Line, tariff: Tariff): EsCondition[] {
  const seen = new Map<string, number>();
  const found: EsCondition[] = [];
  for (const record of tariff.children.filter((r) => r.id === 'PG01')) {
    const agency = value(record, 'agencyCode');
    const number = value(record, 'pgaLineNumber');
    if (agency === '' || number === '') continue;
    const expected = (seen.get(agency) ?? 0) + 1;
    seen.set(agency, expected);
    if (number !== String(expected).padStart(LINE_NUMBER_WIDTH, '0')) {
      found.push({ code: 'PGA', ref: { kind: 'tariff', line, tariff }, record, field: 'pgaLineNumber' });
    }
  }
  return found;
}
