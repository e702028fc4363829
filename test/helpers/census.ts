import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { entryCheckDigit } from '../../src/catair/check-digit.js';
import { readField } from '../../src/catair/record.js';
import type { AceMock } from '../../src/server.js';
import { send } from './mock.js';

/** Test transmissions for the Census applications (AE with a warning, CW, CJ), filer B76, port 2704. */

const samples = fileURLToPath(new URL('../../scenarios/samples/', import.meta.url));

/** A record: text padded (or cut) to 80 characters. */
export const rec = (text: string): string => text.padEnd(80).slice(0, 80);

/** Overwrites `text` at 1-based column `col`. */
export const put = (record: string, col: number, text: string): string => record.slice(0, col - 1) + text + record.slice(col - 1 + text.length);

/** A valid entry number (7 digits + check digit) for filer B76. */
export function entry(n: number): string {
  const seven = String(n).padStart(7, '0');
  return seven + String(entryCheckDigit('B76', seven));
}

/** A whole batch A, B, details, Y, Z for an application, transmitted by B76 at port 2704. */
export function batch(app: string, details: readonly string[], filer = 'B76'): string {
  const envelope = [rec(`A2704${filer}PASSWD112526     ${app}`), rec(`B  2704${filer}${app}`)];
  return [...envelope, ...details.map(rec), rec(`Y  2704${filer}${app}`), rec(`Z2704${filer}      112526`)].join('\n') + '\n';
}

/** A Census override (CW) of an entry (8 digits): its CW01, then a CW02 per line/warning/override, e.g. '00127C09'. */
export const censusOverride = (entryNumber: string, ...pairs: string[]): string => batch('CW', [rec(`CW01B76  ${entryNumber}`), ...pairs.map((p) => rec(`CW02  ${p}`))]);

/**
 * The one-line sample AE add for an entry, with the line's value cut to $10 for 10.00 NO of HTS
 * 8471300100, below the built-in Census range (schemas/census/unit-values.yaml): accepted with W27C
 * on line 001.
 */
export function aeWithWarning(entryNumber: string, action = 'A'): string {
  return readFileSync(samples + 'ae-add-1-line.txt', 'latin1')
    .split('\n')
    .map((l) => {
      if (l.startsWith('10')) return put(put(l, 9, entryNumber), 3, action);
      if (l.startsWith('50')) return put(l, 25, '0000000010');
      return l;
    })
    .join('\n');
}

/** The sample AE add for an entry, unchanged otherwise: accepted clean. */
export function aeClean(entryNumber: string, action = 'A'): string {
  return aeWithWarning(entryNumber, action)
    .split('\n')
    .map((l) => (l.startsWith('50') ? put(l, 25, '0000010000') : l))
    .join('\n');
}

/** A delete of the entry: its 10 record alone, with only the elements a delete may carry (ESF-133 (b), ESF-34 note 2). */
export function aeDelete(entryNumber: string): string {
  return aeClean(entryNumber, 'D')
    .split('\n')
    .filter((l) => /^[ABYZ]/.test(l) || l.startsWith('10')) // the envelope and the 10 record
    .map((l) => (l.startsWith('10') ? l.slice(0, 35).padEnd(80) : l))
    .join('\n');
}

/** Sends a transmission and returns its output records between B and Y. */
export async function answerOf(mock: AceMock, body: string, headers: Record<string, string> = {}): Promise<string[]> {
  const res = await send(mock, body, headers);
  const lines = res.body.split('\n').filter((l) => l !== '');
  return lines.slice(lines.findIndex((l) => l.startsWith('B')) + 1, lines.findIndex((l) => l.startsWith('Y')));
}

/** Reads every named field of output records with one layout. */
export function fields(mock: AceMock, layout: string, records: readonly string[], names: readonly string[]): Record<string, string>[] {
  const l = mock.catalog.layout(layout);
  return records.map((r) => Object.fromEntries(names.map((n) => [n, readField(l, r, n)])));
}
