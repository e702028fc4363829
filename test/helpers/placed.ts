/**
 * An 80-column record written by hand: the record id, then each text at its 1-based start column
 * (undefined texts leave the columns blank). Tests place expected records with it from a page's
 * positions, independently of ace-mock's layouts.
 */
export function placed(id: string, fields: Readonly<Record<number, string | undefined>>): string {
  const chars = [...id.padEnd(80)];
  for (const [start, text] of Object.entries(fields)) [...(text ?? '')].forEach((c, i) => (chars[Number(start) - 1 + i] = c));
  return chars.join('');
}
