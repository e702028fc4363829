import t from 'tap';
import { DEFAULT_SCHEMA_DIR } from '../../src/catair/catalog.js';
import { checkRecord } from '../../src/catair/record.js';
import { type CourtesyNotice, writeCourtesyNotice } from '../../src/liquidation/courtesy-notice.js';
import { sharedCatalog } from '../helpers/mock.js';
import { placed } from '../helpers/placed.js';

/**
 * The NR courtesy notice of liquidation. Expected records are placed by hand at the positions of the
 * public NR implementations the layout follows (schemas/layouts/liquidation-notice.yaml; not CBP's
 * text, which was not available): every record has the port at 3-6, the filer at 7-9 and the entry
 * number right-justified at 10-18.
 *   N1: entry type 19-20, importer 21-32, paid duty 33-43, paid tax 44-54, liquidated duty 55-65,
 *       liquidated tax 66-76, negative interest indicator 77;
 *   N2: liquidation date 19-24, reason 25-26, broker reference 27-35, filing location 36-53,
 *       liquidation type 54, entry date 55-60, paid AD 61-71, interest 72-80;
 *   N4: paid CVD 19-29, paid fees 30-40, liquidated AD 41-51, CVD 52-62, fees 63-73, reasons 74-79.
 * Amounts have two implied decimals.
 */
const catalog = sharedCatalog(DEFAULT_SCHEMA_DIR);

const none = { duty: 0, tax: 0, fees: 0, antidumping: 0, countervailing: 0 };

// B76-0540003-8 (Appendix E check digit), entered 14 September 2026, liquidated 6 August 2027 with a bill.
const bill: CourtesyNotice = {
  port: '2704',
  entryFiler: 'B76',
  entryNumber: '05400038',
  entryType: '01',
  importerNumber: '12-3456789AB',
  brokerReference: 'REF000003',
  entryDate: new Date('2026-09-14T00:00:00Z'),
  liquidationDate: new Date('2027-08-06T00:00:00Z'),
  liquidationType: '2',
  reasons: ['02'],
  paid: { ...none, duty: 1234.56, fees: 27.75 },
  liquidated: { ...none, duty: 1500, fees: 33.4 },
  interest: 12.34,
};
const key = { 3: '2704', 7: 'B76', 10: ' 05400038' };

t.test('a bill: N1, N2 and N4 with the paid and liquidated amounts, the date, type, reason and interest', async (t) => {
  t.same(writeCourtesyNotice(catalog, bill), [
    placed('N1', { ...key, 19: '01', 21: '12-3456789AB', 33: '00000123456', 44: '00000000000', 55: '00000150000', 66: '00000000000' }),
    placed('N2', { ...key, 19: '080627', 25: '02', 27: 'REF000003', 54: '2', 55: '091426', 61: '00000000000', 72: '000001234' }),
    placed('N4', { ...key, 19: '00000000000', 30: '00000002775', 41: '00000000000', 52: '00000000000', 63: '00000003340' }),
  ]);
});

t.test('a refund with negative interest, four reasons and a filing location', async (t) => {
  const refund: CourtesyNotice = {
    ...bill,
    liquidationType: '3',
    reasons: ['01', '02', '62', '98'],
    filingLocation: 'LQ080627AB12001002',
    paid: { duty: 900, tax: 10.5, fees: 31.2, antidumping: 250, countervailing: 125.25 },
    liquidated: { duty: 800, tax: 10.5, fees: 31.2, antidumping: 200, countervailing: 100 },
    interest: -5.5,
  };
  const [n1, n2, n4] = writeCourtesyNotice(catalog, refund);
  t.equal(n1, placed('N1', { ...key, 19: '01', 21: '12-3456789AB', 33: '00000090000', 44: '00000001050', 55: '00000080000', 66: '00000001050', 77: '1' }));
  t.equal(n2, placed('N2', { ...key, 19: '080627', 25: '01', 27: 'REF000003', 36: 'LQ080627AB12001002', 54: '3', 55: '091426', 61: '00000025000', 72: '000000550' }));
  t.equal(n4, placed('N4', { ...key, 19: '00000012525', 30: '00000003120', 41: '00000020000', 52: '00000010000', 63: '00000003120', 74: '02', 76: '62', 78: '98' }));
});

t.test('what it writes reads back cleanly against the layouts and their code lists', async (t) => {
  for (const record of writeCourtesyNotice(catalog, { ...bill, reasons: ['99', '37'] })) {
    t.equal(record.length, 80);
    t.same(checkRecord(catalog.layout(`NR.${record.slice(0, 2)}`), record, catalog), [], record.slice(0, 2));
  }
});

t.test('refuses what the records cannot say', async (t) => {
  t.throws(() => writeCourtesyNotice(catalog, { ...bill, reasons: ['01', '02', '03', '04', '05'] }), /at most 4 liquidation reasons/);
  t.throws(() => writeCourtesyNotice(catalog, { ...bill, liquidated: { ...none, duty: -10 } }), /no sign for the liquidated duty/);
});
