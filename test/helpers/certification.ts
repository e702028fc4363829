import { readFileSync } from 'node:fs';
import { entryCheckDigit } from '../../src/catair/check-digit.js';
import type { AceMock } from '../../src/server.js';
import { aeDelete, censusOverride } from './census.js';
import { send } from './mock.js';
import { put, sampleWith } from './transmission.js';

/**
 * Journals for certification tests, built through the real pipeline: transmissions from filer B76
 * (session B76) on chosen business days of the session clock.
 */

const SE_ADD = readFileSync(new URL('../../scenarios/samples/se-add.txt', import.meta.url), 'latin1');

/** The cargo release sample with its entry number replaced; `badCheckDigit` makes CBP refuse it (006 on the entry number). */
export function cargoRelease(number7: string, options: { badCheckDigit?: boolean; port?: string } = {}): string {
  const digit = entryCheckDigit('B76', number7);
  const check = options.badCheckDigit ? String((Number(digit) + 1) % 10) : digit;
  return SE_ADD.split('\n')
    .map((l) => (l.startsWith('SE10') ? put(l, 11, `${number7}${check}`) : l))
    .map((l) => (l.startsWith('SE10') && options.port !== undefined ? put(l, 50, options.port) : l))
    .join('\n');
}

/** The 1-line entry summary with its entry number replaced (an add, or the action given); `badCheckDigit` makes CBP refuse it with B16. */
export function entrySummary(number7: string, options: { badCheckDigit?: boolean; action?: string } = {}): string {
  const digit = entryCheckDigit('B76', number7);
  if (options.action === 'D' && !options.badCheckDigit) return aeDelete(`${number7}${digit}`);
  return sampleWith('ae-add-1-line.txt', number7, {
    ...(options.action !== undefined && { action: options.action }),
    ...(options.badCheckDigit && { edit: (r: string) => (r.startsWith('10') ? put(r, 16, String((Number(digit) + 1) % 10)) : r) }),
  });
}

/** A Census override (CW) of line 1's 27C warning on the entry (7 digits; check digit computed for B76). */
export const censusOverrideOf = (number7: string): string => censusOverride(`${number7}${entryCheckDigit('B76', number7)}`, '00127C09');

/** A business day of November 2026 at 15:00 UTC. */
export const november = (day: number): Date => new Date(Date.UTC(2026, 10, day, 15));

/** Sends each transmission on the session clock's given day; fails the test setup if one is not answered 200. */
export async function sendOn(mock: AceMock, day: Date, transmissions: readonly string[], headers: Record<string, string> = {}): Promise<void> {
  mock.clocks.set('B76', day);
  for (const t of transmissions) {
    const res = await send(mock, t, headers);
    if (res.statusCode !== 200) throw new Error(`setup: a transmission was answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
  }
}

/** n distinct 7-digit entry numbers starting at a base, e.g. numbers(3, 410) → 0410000, 0410001, 0410002. */
export const numbers = (n: number, base: number): string[] => Array.from({ length: n }, (_, i) => String(base * 10_000 + i).padStart(7, '0'));
