import t from 'tap';
import { writeStatusNotice } from '../../../src/applications/entry-summary/status-notification.js';
import { DEFAULT_SCHEMA_DIR } from '../../../src/catair/catalog.js';
import { sharedCatalog, TEST_NOW } from '../../helpers/mock.js';
import { placed } from '../../helpers/placed.js';

/**
 * writeStatusNotice from plain facts. Expected records are placed by hand at the UC positions of
 * schemas/layouts/status-notification.yaml (UC chapter V30, ESS-15..23): E1 disposition 3, source 4,
 * reason 8-10, date of action 11-16, filer 51-53, entry 56-63, line 66-68, broker reference 69-77;
 * E3 remarks 3-80.
 */
const catalog = sharedCatalog(DEFAULT_SCHEMA_DIR);

// B76-0540001-2 (Appendix E check digit).
const facts = { entryFiler: 'B76', entryNumber: '05400012', brokerReference: 'REF000001' };

t.test('a notice about the whole entry: automated E1 dated the day of delivery, then its remarks', async (t) => {
  const records = writeStatusNotice(catalog, facts, { disposition: '4', reason: '003', remarks: ['LINE 1 HTS INVALID FOR COUNTRY', 'CONTACT TEAM'] }, TEST_NOW);
  t.same(records, [
    placed('E1', { 3: '4', 4: '2', 8: '003', 11: '112526', 51: 'B76', 56: '05400012', 69: 'REF000001' }),
    placed('E3', { 3: 'LINE 1 HTS INVALID FOR COUNTRY' }),
    placed('E3', { 3: 'CONTACT TEAM' }),
  ]);
});

t.test('a notice about a line names it; no remarks means the E1 alone', async (t) => {
  const records = writeStatusNotice(catalog, { ...facts, line: '002' }, { disposition: '2', remarks: [] }, TEST_NOW);
  t.same(records, [placed('E1', { 3: '2', 4: '2', 11: '112526', 51: 'B76', 56: '05400012', 66: '002', 69: 'REF000001' })]);
});
