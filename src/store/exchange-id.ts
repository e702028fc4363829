import { randomUUID } from 'node:crypto';

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Exchange ids sort by
 * time, so the journal's id index grows at its right edge instead of dirtying a random page per insert.
 */
export function exchangeId(now: number = Date.now()): string {
  // randomUUID draws from a cached pool of entropy; a fresh random buffer per id costs far more.
  const hex = now.toString(16).padStart(12, '0') + randomUUID().replace(/-/g, '').slice(12);
  // version 7 in the 13th hex digit, variant 10xx in the 17th
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
