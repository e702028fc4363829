/**
 * Entry-number check digit (CATAIR Appendix E): filer-code letters become digits (A-I and J-R map
 * to 1-9, S-Z to 2-9), then a mod-10 sum over the 10 digits where every other digit from the right,
 * starting with the rightmost, is doubled (digits of a product over 9 are added).
 */
export function letterValue(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 73) return code - 64; // A-I → 1-9
  if (code >= 74 && code <= 82) return code - 73; // J-R → 1-9
  if (code >= 83 && code <= 90) return code - 81; // S-Z → 2-9
  return Number.NaN;
}

/** Check digit for a 3-character filer code and a 7-digit entry number, or undefined if malformed. */
export function entryCheckDigit(filer: string, number7: string): number | undefined {
  if (filer.length !== 3 || !/^\d{7}$/.test(number7)) return undefined;
  const digits = [...filer].map(letterValue).concat([...number7].map(Number));
  if (digits.some(Number.isNaN)) return undefined;
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    const d = digits[i] as number;
    const v = double ? d * 2 : d;
    sum += v > 9 ? v - 9 : v;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the 8-character entry number (7 digits + check digit) is valid for the filer. */
export function isValidEntryNumber(filer: string, entryNumber8: string): boolean {
  const expected = entryCheckDigit(filer, entryNumber8.slice(0, 7));
  return expected !== undefined && entryNumber8.length === 8 && Number(entryNumber8[7]) === expected && /\d$/.test(entryNumber8);
}
