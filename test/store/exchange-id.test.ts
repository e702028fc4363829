import t from 'tap';
import { exchangeId } from '../../src/store/exchange-id.js';

t.test('exchange ids are RFC 9562 version 7 UUIDs that sort by time', async (t) => {
  const id = exchangeId(0x0123456789ab);
  t.match(id, /^01234567-89ab-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const earlier = exchangeId(1_800_000_000_000);
  const later = exchangeId(1_800_000_000_001);
  t.ok(earlier < later, 'a later millisecond sorts after');
  const many = new Set(Array.from({ length: 1000 }, () => exchangeId(5)));
  t.equal(many.size, 1000, 'ids in the same millisecond still differ');
});
