import { readFileSync } from 'node:fs';
import { entryCheckDigit } from '../../src/catair/check-digit.js';

/** Overwrites text at a 1-based column of an 80-character record. */
export const put = (record: string, column: number, text: string): string =>
  record.padEnd(80).slice(0, column - 1) + text + record.padEnd(80).slice(column - 1 + text.length);

/**
 * A shipped sample with its entry number replaced (7 digits; the check digit is computed for B76),
 * optionally with the action code, B 60-80 user text and extra edits of each record.
 */
export function sampleWith(
  file: string,
  number7: string,
  options: { action?: string; userText?: string; edit?: (record: string) => string } = {},
): string {
  const lines = readFileSync(new URL(`../../scenarios/samples/${file}`, import.meta.url), 'latin1').split('\n').filter((l) => l !== '');
  return lines
    .map((l) => {
      let r = l;
      if (r.startsWith('10')) r = put(r, 9, `${number7}${entryCheckDigit('B76', number7)}`);
      if (r.startsWith('10') && options.action) r = put(r, 3, options.action);
      if (r.startsWith('B') && options.userText !== undefined) r = put(r, 60, options.userText.padEnd(21));
      return options.edit ? options.edit(r) : r;
    })
    .join('\n');
}
