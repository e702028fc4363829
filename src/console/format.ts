import type { ExchangeSummary, Outcome, Stage } from './api';

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

export const STAGE_LABEL: Record<Stage, string> = {
  'trade-control': 'Trade control',
  'preliminary-statement': 'Preliminary statement',
  paid: 'Paid',
  'cbp-review': 'CBP review',
  'liquidation-scheduled': 'Liquidation scheduled',
  liquidated: 'Liquidated',
  deleted: 'Deleted',
  'rejected-by-cbp': 'Rejected by CBP',
};

/** The UTC day of an ISO time: the days of an entry's life are UTC days of its session's clock. */
export const utcDay = (iso: string): string => iso.slice(0, 10);

/** `2026-12-01 12:00 UTC`: a session clock reading. */
export const utcMinute = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour12: false });
}

/** Column ruler for an 80-character grid: tens on the first line, units on the second. */
export const RULER_TENS = Array.from({ length: 80 }, (_, i) => ((i + 1) % 10 === 0 ? String(((i + 1) / 10) % 10) : ' ')).join('');
export const RULER_UNITS = Array.from({ length: 80 }, (_, i) => String((i + 1) % 10)).join('');
