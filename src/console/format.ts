import type { ExchangeSummary, Outcome } from './api';

export const OUTCOME_LABEL: Record<Outcome, string> = {
  accepted: 'accepted',
  rejected: 'rejected',
  partial: 'partly rejected',
  'batch-rejected': 'batch rejected',
  'not-catair': 'not CATAIR',
};

export const TAG_LABEL: Record<ExchangeSummary['tags'][number], string> = {
  'census-warning': 'Census warning',
  psc: 'PSC',
};

export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour12: false });
}

/** Column ruler for an 80-character grid: tens on the first line, units on the second. */
export const RULER_TENS = Array.from({ length: 80 }, (_, i) => ((i + 1) % 10 === 0 ? String(((i + 1) / 10) % 10) : ' ')).join('');
export const RULER_UNITS = Array.from({ length: 80 }, (_, i) => String((i + 1) % 10)).join('');
