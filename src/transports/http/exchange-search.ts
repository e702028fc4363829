import type { ExchangeSummary } from './exchange-summary.js';

// Shared by the list API's `text` filter and the console's timeline, so both find the same rows.
// Type imports only: the console's bundle includes this file.

/** An entry number as the list query takes it: B76-0324527-8, B7603245278, or 03245278 (any filer). */
export const ENTRY_PATTERN = /^([A-Z0-9]{3}-?\d{7}-?\d|\d{8})$/i;

/** `B76-0324527-8` → filer B76, entry 03245278; `03245278` → entry only. */
export function splitEntry(entry: string): { filer?: string; entryNumber: string } {
  const compact = entry.replace(/-/g, '').toUpperCase();
  return compact.length === 8 ? { entryNumber: compact } : { filer: compact.slice(0, 3), entryNumber: compact.slice(3) };
}

/** `B76` + `03245278` → `B76-0324527-8`, as filers write entry numbers. */
export function entryLabel(filer: string, entryNumber: string): string {
  return entryNumber.length === 8 ? `${filer}-${entryNumber.slice(0, 7)}-${entryNumber.slice(7)}` : `${filer}-${entryNumber}`;
}

/** What a listed exchange is searched by: what the timeline shows of it, lower-cased. */
function searchTextOf(e: ExchangeSummary): string {
  const entries = e.entries.flatMap((x) => [entryLabel(x.filer, x.entryNumber), `${x.filer}${x.entryNumber}`]);
  return [e.application, e.filer, e.session, e.scenario ?? '', e.userText ?? '', ...e.conditions, ...entries].join(' ').toLowerCase();
}

/** Whether the exchange shows the text (case ignored); an empty text matches every exchange. */
export function matchesText(e: ExchangeSummary, text: string): boolean {
  const needle = text.trim().toLowerCase();
  return needle === '' || searchTextOf(e).includes(needle);
}
