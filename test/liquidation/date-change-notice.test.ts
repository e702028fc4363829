import t from 'tap';
import { DEFAULT_SCHEMA_DIR } from '../../src/catair/catalog.js';
import { liquidationDateChangeNotice } from '../../src/liquidation/date-change-notice.js';
import { sharedCatalog, TEST_NOW } from '../helpers/mock.js';
import { placed } from '../helpers/placed.js';

/**
 * The UC notice of a liquidation date change. Expected records are placed by hand at the UC
 * positions (schemas/layouts/status-notification.yaml, ESS-15..23): E1 disposition 3 (9,
 * schemas/codes/uc-dispositions.yaml), source 4 (2 automated), date of action 11-16, filer 51-53,
 * entry 56-63, broker reference 69-77; the new date in an E3 remark (3-80), an ace-mock choice.
 */
const catalog = sharedCatalog(DEFAULT_SCHEMA_DIR);

// B76-0540002-0 (Appendix E check digit).
const facts = { entryFiler: 'B76', entryNumber: '05400020', brokerReference: 'REF000002' };

t.test('E1 disposition 9 dated when it is sent, E3 with the new date', async (t) => {
  const records = liquidationDateChangeNotice(catalog, facts, new Date('2027-10-08T00:00:00Z'), TEST_NOW);
  t.same(records, [
    placed('E1', { 3: '9', 4: '2', 11: '112526', 51: 'B76', 56: '05400020', 69: 'REF000002' }),
    placed('E3', { 3: 'LIQUIDATION DATE CHANGED TO 10/08/2027' }),
  ]);
});

t.test('dates are read in UTC, as every CATAIR date ace-mock writes', async (t) => {
  const records = liquidationDateChangeNotice(catalog, facts, new Date('2027-01-31T23:30:00Z'), new Date('2026-12-31T23:59:00Z'));
  t.equal(records[0]?.slice(10, 16), '123126');
  t.equal(records[1]?.slice(2).trimEnd(), 'LIQUIDATION DATE CHANGED TO 01/31/2027');
});
