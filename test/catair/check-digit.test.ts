import t from 'tap';
import { entryCheckDigit, isValidEntryNumber, letterValue } from '../../src/catair/check-digit.js';

t.test('Appendix E worked example: B76-0324527 → 8', async (t) => {
  t.equal(entryCheckDigit('B76', '0324527'), 8);
  t.ok(isValidEntryNumber('B76', '03245278'));
  t.notOk(isValidEntryNumber('B76', '03245270'));
});

t.test('letters convert A-I and J-R to 1-9, S-Z to 2-9', async (t) => {
  t.same([...'AIJRSZ'].map(letterValue), [1, 9, 1, 9, 2, 9]);
  t.equal(letterValue('7'), 7);
  t.ok(Number.isNaN(letterValue('*')));
});

t.test('every check digit 0-9 is reachable and only one digit is valid', async (t) => {
  const seen = new Set<number>();
  for (let n = 0; n < 200; n++) {
    const number7 = String(1234500 + n).padStart(7, '0');
    const digit = entryCheckDigit('SV9', number7) as number;
    seen.add(digit);
    const valid = [...'0123456789'].filter((d) => isValidEntryNumber('SV9', number7 + d));
    t.same(valid, [String(digit)]);
  }
  t.equal(seen.size, 10);
});

t.test('malformed input has no check digit', async (t) => {
  t.equal(entryCheckDigit('B7', '0324527'), undefined);
  t.equal(entryCheckDigit('B76', '032452A'), undefined);
  t.equal(entryCheckDigit('B*6', '0324527'), undefined);
  t.notOk(isValidEntryNumber('B76', '0324527'));
  t.notOk(isValidEntryNumber('B76', '0324527X'));
});
