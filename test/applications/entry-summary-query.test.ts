import t from 'tap';
import { TRADE_CONTROL } from '../../src/applications/entry-summary/entry-store.js';
import { readDateTime, writeDateTime } from '../../src/applications/entry-summary-query/datetime.js';
import { EntrySummaryQueryApplication } from '../../src/applications/entry-summary-query/index.js';
import { writeRecord } from '../../src/catair/record.js';
import type { AceMock } from '../../src/server.js';
import { aeClean, aeDelete, aeWithWarning, answerOf, batch, entry, fields, put, rec } from '../helpers/census.js';
import { send, TEST_NOW, testMock } from '../helpers/mock.js';
import { sampleWith } from '../helpers/transmission.js';

const TODAY = '112526'; // TEST_NOW as MMDDYY
const NOW = `${TODAY}030000PM`; // TEST_NOW, 15:00 UTC, as MMDDYYHHMMSSXX

/** A J1 naming entries of B76 (or of the filers given as FFF-NNNNNNNN). */
function j1(mock: AceMock, entries: string[]): string {
  const values: Record<string, string> = {};
  entries.forEach((e, i) => {
    const [filer, number] = e.includes('-') ? (e.split('-') as [string, string]) : ['B76', e];
    values[`entryFiler${i + 1}`] = filer;
    values[`entryNumber${i + 1}`] = number;
  });
  return writeRecord(mock.catalog.layout('J1'), values);
}

/** A J2: type, from and to (MMDDYYHHMMSSXX) and any other J2 fields. */
function j2(mock: AceMock, type: string, from: string, to: string, more: Record<string, string> = {}): string {
  return writeRecord(mock.catalog.layout('J2'), { criteriaType: type, fromDateTime: from, toDateTime: to, ...more });
}

const J0 = rec('J0Y');
const ids = (records: string[]) => records.map((r) => r.slice(0, 2));
const jz = (mock: AceMock, records: string[]) =>
  fields(mock, 'JZ', records.filter((r) => r.startsWith('JZ')), ['condition', 'narrative', 'entryFiler', 'entryNumber', 'port']);
const one = (mock: AceMock, layout: string, records: string[], names: string[]) => fields(mock, layout, records.filter((r) => r.startsWith(layout.slice(0, 2))), names)[0];

t.test('an entry number query answers a filed summary with its JB..JI from the entry state and its filing', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const n = entry(6200001);
  await answerOf(mock, aeClean(n));
  const res = await send(mock, batch('EQ', [j1(mock, [n])]), { accept: 'application/json' });
  const exchange = res.json() as { output: string[]; outcome: string; transactions: { disposition: string; entryNumber: string }[] };
  t.match(exchange.output[0], /^A2704B76      112526     ER/, 'answered as ER');
  const answer = exchange.output.slice(2, -2);
  t.same(ids(answer), ['JB', 'JC', 'JD', 'JE', 'JF', 'JG', 'JH', 'JI'], 'ESQ-23 order; no JZ when all is well (ESQ-50)');
  t.same(one(mock, 'JB', answer, ['entryFiler', 'entryNumber', 'version', 'acceptDateTime', 'pscIndicator', 'pscAcceptDate', 'ownership', 'liquidationStatus', 'liquidationDate', 'centerId']), {
    entryFiler: 'B76', entryNumber: n, version: '00100', acceptDateTime: NOW, pscIndicator: '', pscAcceptDate: '', ownership: 'Y', liquidationStatus: '2', liquidationDate: '', centerId: 'PNDING',
  });
  t.same(one(mock, 'JC', answer, ['controlStatus', 'statusCode', 'statusDate', 'lateFiling', 'releaseStatus', 'collectionStatus', 'censusStatus', 'invoiceStatus', 'protestStatus', 'extensionStatus1']), {
    controlStatus: '1', statusCode: '1', statusDate: TODAY, lateFiling: '0', releaseStatus: '0', collectionStatus: '0', censusStatus: '0', invoiceStatus: '', protestStatus: 'NO', extensionStatus1: '',
  });
  t.same(one(mock, 'JD', answer, ['cbpReview', 'entryDate', 'liquidatedDuty', 'immediateDelivery']), { cbpReview: '2', entryDate: TODAY, liquidatedDuty: '', immediateDelivery: 'N' }, 'entry date: the 11 record estimate');
  t.same(one(mock, 'JE', answer, ['estimatedDuty', 'estimatedTax', 'estimatedFees', 'estimatedInterest', 'estimatedAdcvd']), {
    estimatedDuty: '0000000000000', estimatedTax: '0000000000000', estimatedFees: '0000000003464', estimatedInterest: '', estimatedAdcvd: '0000000000000',
  }, 'the 90 record totals');
  t.same(one(mock, 'JF', answer, ['importer', 'entryType', 'rejectDate', 'electronicInvoice', 'port', 'filingDate']), { importer: '12-3456789AB', entryType: '01', rejectDate: '', electronicInvoice: '', port: '2704', filingDate: TODAY });
  t.same(one(mock, 'JG', answer, ['finalWithdrawal', 'centerId', 'lineItems']), { finalWithdrawal: '', centerId: 'PNDING', lineItems: '001' });
  t.same(one(mock, 'JH', answer, ['form4811', 'statementPrintDate', 'brokerReference']), { form4811: '', statementPrintDate: '', brokerReference: 'REF000001' });
  t.same(one(mock, 'JI', answer, ['suretyCode', 'primarySurety', 'bondType', 'bondDesignation', 'multipleBonds', 'bondNumber', 'singleEntryBondAmount']), {
    suretyCode: '123', primarySurety: 'Y', bondType: '8', bondDesignation: 'B', multipleBonds: 'N', bondNumber: '', singleEntryBondAmount: '',
  }, 'the 31 record');
  t.equal(exchange.outcome, 'accepted');
  t.match(exchange.transactions, [{ disposition: '', entryNumber: n }]);
});

t.test('entries answered in J1 order: 013 for one not on file or deleted, 014 for another filer\'s', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const [a, b, deleted, unknown] = [entry(6200011), entry(6200012), entry(6200013), entry(6200014)];
  for (const n of [a, b, deleted]) await answerOf(mock, aeClean(n));
  await answerOf(mock, aeDelete(deleted));
  const res = await send(mock, batch('EQ', [j1(mock, [b, unknown, `C11-${a}`]), j1(mock, [deleted, a])]), { accept: 'application/json' });
  const exchange = res.json() as { output: string[]; transactions: { outcome: string; disposition: string; conditions: { code: string; position: number }[] }[] };
  const answer = exchange.output.slice(2, -2);
  t.same(answer.filter((r) => /^J[BZ]/.test(r)).map((r) => (r.startsWith('JB') ? `JB ${r.slice(7, 15)}` : `JZ ${r.slice(2, 5)} ${r.slice(49, 52)} ${r.slice(54, 62)}`)), [
    `JB ${b}`, `JZ 013 B76 ${unknown}`, `JZ 014 C11 ${a}`, `JZ 013 B76 ${deleted}`, `JB ${a}`,
  ]);
  t.same(jz(mock, answer)[0], { condition: '013', narrative: 'ENTRY SUMMARY NOT FOUND FOR QUERY', entryFiler: 'B76', entryNumber: unknown, port: '0000' });
  t.match(exchange.transactions, [{ outcome: 'rejected', disposition: '013', conditions: [{ code: '013', position: 3 }, { code: '014', position: 3 }, { code: '013', position: 4 }] }]);
});

t.test('the JB accept date/time is the last accepted add or replace; a CW override does not move it', async (t) => {
  let now = new Date('2026-11-20T09:30:05.000Z');
  const mock = testMock({}, () => now);
  t.teardown(() => mock.close());
  const n = entry(6200021);
  await answerOf(mock, aeWithWarning(n));
  const first = await answerOf(mock, batch('EQ', [j1(mock, [n])]));
  t.same(one(mock, 'JB', first, ['acceptDateTime']), { acceptDateTime: '112026093005AM' });
  t.same(one(mock, 'JC', first, ['censusStatus']), { censusStatus: '1' }, 'an unresolved Census warning');
  now = new Date('2026-11-21T00:00:00.000Z');
  await answerOf(mock, aeWithWarning(n, 'R'));
  now = TEST_NOW;
  const cw = [writeRecord(mock.catalog.layout('CW01'), { entryFiler: 'B76', entryNumber: n }), writeRecord(mock.catalog.layout('CW02.override'), { lineNumber: '001', warning1: '27C', override1: '50' })];
  await answerOf(mock, batch('CW', cw));
  const after = await answerOf(mock, batch('EQ', [j1(mock, [n])]));
  t.same(one(mock, 'JB', after, ['acceptDateTime']), { acceptDateTime: '112126120000AM' }, 'midnight is 12 AM');
  t.same(one(mock, 'JC', after, ['statusDate', 'censusStatus']), { statusDate: '112126', censusStatus: '0' });
  t.same(one(mock, 'JF', after, ['filingDate']), { filingDate: '112026' }, 'the filing date stays the first');
});

t.test('the entry life shows in JB, JC and JD: paid on its collection date, liquidated as entered with reason 99 (ESQ-25..34)', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const n = entry(6200041);
  await answerOf(mock, aeClean(n));
  const advance = (to: string) => mock.http.inject({ method: 'POST', url: `/v1/admin/sessions/B76/entries/B76/${n}/advance`, payload: { to } });
  t.equal((await advance('paid')).statusCode, 200);
  const paid = await answerOf(mock, batch('EQ', [j1(mock, [n])]));
  t.same(one(mock, 'JB', paid, ['liquidationStatus', 'liquidationDate']), { liquidationStatus: '2', liquidationDate: '100527' }, 'scheduled 314 days after entry');
  t.same(one(mock, 'JC', paid, ['collectionStatus', 'collectionDate']), { collectionStatus: '2', collectionDate: TODAY }, 'paid today');
  t.same(one(mock, 'JD', paid, ['liquidatedDuty', 'liquidatedFees', 'liquidationReason1']), { liquidatedDuty: '', liquidatedFees: '', liquidationReason1: '' }, 'not yet liquidated');
  t.equal((await advance('liquidated')).statusCode, 200);
  const liquidated = await answerOf(mock, batch('EQ', [j1(mock, [n])]));
  t.same(one(mock, 'JB', liquidated, ['liquidationStatus', 'liquidationDate']), { liquidationStatus: '1', liquidationDate: TODAY });
  t.same(one(mock, 'JD', liquidated, ['liquidatedDuty', 'liquidatedTax', 'liquidatedFees', 'liquidatedInterest', 'liquidatedAdcvd', 'liquidationReason1']), {
    liquidatedDuty: '000000000000', liquidatedTax: '000000000000', liquidatedFees: '000000003464', liquidatedInterest: '000000000000', liquidatedAdcvd: '000000000000', liquidationReason1: '99',
  }, 'what the courtesy notice of liquidation reports: the amounts as entered, auto-liquidation');
});

t.test('a PSC, a liquidation and a suspension show in JB, JC and JD; a criteria query finds them by type', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const pscEntry = entry(6200031);
  const psc = pscEntry.slice(0, 7);
  await answerOf(mock, sampleWith('ae-add-for-psc.txt', psc), { 'x-ace-scenario': 'entry-paid' });
  await answerOf(mock, sampleWith('ae-psc-replace.txt', psc), { 'x-ace-scenario': 'entry-paid' });
  const liquidated = entry(6200032);
  await answerOf(mock, aeClean(liquidated), { 'x-ace-scenario': 'psc-refused-liquidated' });
  const suspended = entry(6200033);
  await answerOf(mock, aeClean(suspended), { 'x-ace-scenario': 'psc-refused-suspended' });

  const byNumber = await answerOf(mock, batch('EQ', [j1(mock, [pscEntry, liquidated, suspended])]));
  t.same(fields(mock, 'JB', byNumber.filter((r) => r.startsWith('JB')), ['version', 'pscIndicator', 'pscAcceptDate', 'liquidationStatus']), [
    { version: '00200', pscIndicator: 'Y', pscAcceptDate: TODAY, liquidationStatus: '2' },
    { version: '00100', pscIndicator: '', pscAcceptDate: '', liquidationStatus: '1' },
    { version: '00100', pscIndicator: '', pscAcceptDate: '', liquidationStatus: '2' },
  ]);
  t.same(fields(mock, 'JC', byNumber.filter((r) => r.startsWith('JC')), ['controlStatus', 'collectionStatus', 'extensionStatus1']), [
    { controlStatus: '2', collectionStatus: '2', extensionStatus1: '' },
    { controlStatus: '2', collectionStatus: '0', extensionStatus1: '' },
    { controlStatus: '2', collectionStatus: '2', extensionStatus1: '46' },
  ]);

  const numbersOf = async (type: string, more: Record<string, string> = {}) =>
    (await answerOf(mock, batch('EQ', [j2(mock, type, `${TODAY}120000AM`, `${TODAY}115959PM`, more)]))).filter((r) => /^J[BZ]/.test(r)).map((r) => (r.startsWith('JB') ? r.slice(7, 15) : r.slice(2, 5)));
  t.same(await numbersOf('EES'), [pscEntry, liquidated, suspended], 'every summary, in the order last accepted');
  t.same(await numbersOf('PSC'), [pscEntry]);
  t.same(await numbersOf('LIQ'), [liquidated]);
  t.same(await numbersOf('NLQ'), [pscEntry, suspended]);
  t.same(await numbersOf('RCN'), ['015'], 'none flagged for reconciliation');
  t.same(await numbersOf('AII'), ['015'], 'ace-mock keeps no invoice requests');
  t.same(await numbersOf('DOC'), ['015'], 'nor document requests');
  t.same(await numbersOf('EES', { entrySummaries: 'Y' }), [pscEntry, liquidated, suspended], 'type 01 is an entry summary (ESQ-21 note 3)');
  t.same(await numbersOf('EES', { drawback: 'Y' }), ['015'], 'no drawback summaries');
  t.same(await numbersOf('PSC', { entrySummaries: 'Y', otherRecon: 'Y' }), ['015'], 'PSC with a recon flag finds nothing (ESQ-21 note 4)');
});

t.test('a criteria query: JA echoes the J2, the range bounds the last acceptance, 015 when none', async (t) => {
  let now = new Date('2026-11-20T23:59:59.000Z');
  const mock = testMock({}, () => now);
  t.teardown(() => mock.close());
  const [early, late] = [entry(6200041), entry(6200042)];
  await answerOf(mock, aeClean(early));
  now = new Date('2026-11-21T00:00:00.000Z');
  await answerOf(mock, aeClean(late));
  now = TEST_NOW;
  const query = (from: string, to: string) => answerOf(mock, batch('EQ', [j2(mock, 'EES', from, to)]));
  const both = await query('112026120000AM', '112126115959PM');
  t.same(ids(both), ['JA', 'JB', 'JC', 'JD', 'JE', 'JF', 'JG', 'JH', 'JI', 'JB', 'JC', 'JD', 'JE', 'JF', 'JG', 'JH', 'JI']);
  t.same(one(mock, 'JA', both, ['criteriaType', 'fromDateTime', 'toDateTime']), { criteriaType: 'EES', fromDateTime: '112026120000AM', toDateTime: '112126115959PM' });
  t.same(both.filter((r) => r.startsWith('JB')).map((r) => r.slice(7, 15)), [early, late]);
  t.same((await query('112026115959PM', '112026115959PM')).filter((r) => r.startsWith('JB')).map((r) => r.slice(7, 15)), [early], 'the to second is included whole');
  t.same((await query('112126120000AM', '112126120000AM')).filter((r) => r.startsWith('JB')).map((r) => r.slice(7, 15)), [late]);
  const none = await query('112226120000AM', `${TODAY}115959PM`);
  t.same(ids(none), ['JA', 'JZ']);
  t.same(jz(mock, none), [{ condition: '015', narrative: 'QUERY COMPLETE - NO SUMMARIES FOUND', entryFiler: '', entryNumber: '', port: '0000' }]);
  const other = await answerOf(mock, batch('EQ', [j2(mock, 'EES', '112026120000AM', '112126115959PM')], 'C11'));
  t.same(jz(mock, other).map((r) => r['condition']), ['015'], "another filer's query does not see B76's summaries");
});

t.test('a J0 returns each summary\'s latest records: 4A before each 40, numbers over spaces, no SE or PGA records', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const n = entry(6200051);
  const filed = sampleWith('ae-add-pga.txt', n.slice(0, 7)).split('\n');
  await answerOf(mock, filed.join('\n'));
  const answer = await answerOf(mock, batch('EQ', [J0, j1(mock, [n])]));
  const detail = answer.slice(answer.findIndex((r) => r.startsWith('10')));
  const expected = filed.filter((r) => !/^[ABYZ]/.test(r) && !/^(SE|PG)/.test(r));
  t.ok(expected.length > 10 && filed.some((r) => r.startsWith('PG')), 'the sample has PGA records');
  t.same(ids(detail), ids(expected).flatMap((id) => (id === '40' ? ['4A', '40'] : [id])));
  t.equal(detail.find((r) => r.startsWith('4A')), '4A00001'.padEnd(80));
  const tariff = detail.find((r) => r.startsWith('50')) ?? '';
  const sent = expected.find((r) => r.startsWith('50')) ?? '';
  t.equal(tariff.slice(0, 12), sent.slice(0, 12), 'the HTS number (AN) as filed');
  t.match(tariff.slice(13, 23), /^ +\d+$/, 'the duty right-justified over spaces');
  t.equal(tariff.slice(13, 23).trim(), String(Number(sent.slice(13, 23))).padStart(3, '0'), 'a zero duty keeps a digit before its two decimals (ESQ-53)');

  const notY = await send(mock, batch('EQ', [rec('J0N'), j1(mock, [n])]), { accept: 'application/json' });
  const refused = notY.json() as { output: string[]; transactions: { outcome: string; conditions: { code: string; field: string }[] }[] };
  t.same(jz(mock, refused.output), [{ condition: '001', narrative: 'RETURN DETAIL REQUEST IND MUST BE Y', entryFiler: '', entryNumber: '', port: '0000' }]);
  t.match(refused.transactions, [{ outcome: 'rejected', conditions: [{ code: '001', field: 'returnDetail' }] }]);
  t.same(jz(mock, await answerOf(mock, batch('EQ', [J0]))).map((r) => r['condition']), ['002'], 'a J0 with no query after it');
});

t.test('a Collection/Bill Information Code asks for bills and collections: none are kept, CBP\'s messages say so', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  await answerOf(mock, aeClean(entry(6200061)));
  const answer = await answerOf(mock, batch('EQ', [j2(mock, 'EES', `${TODAY}120000AM`, `${TODAY}115959PM`, { collectionBill: '6' })]));
  t.same(answer.slice(-3).map((r) => r.trimEnd()), ['JK BILLING DATA NOT ON FILE', 'JL COLLECTION DATA NOT ON FILE', 'JN 123 Y BILLING DATA NOT ON FILE'], 'ESQ-44, ESQ-45, ESQ-49 notes 1');
  const bills = await answerOf(mock, batch('EQ', [j2(mock, 'EES', `${TODAY}120000AM`, `${TODAY}115959PM`, { collectionBill: '2' })]));
  t.same(bills.filter((r) => /^J[KLMN]/.test(r)).map((r) => r.slice(0, 2)), ['JK']);
});

t.test('J1 and J2 checks: 003, 004 per slot; 005..012, 017 refuse the J2', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const n = entry(6200071);
  const slots = writeRecord(mock.catalog.layout('J1'), { entryFiler1: 'B76', entryNumber1: n, entryNumber2: n, entryFiler3: 'B76' });
  t.same(jz(mock, await answerOf(mock, batch('EQ', [slots]))).map((r) => [r['condition'], r['entryFiler'], r['entryNumber']]), [
    ['003', '', n],
    ['004', 'B76', ''],
  ]);
  const cases: [string, string, string, string, string][] = [
    ['type missing', '', `${TODAY}120000AM`, `${TODAY}115959PM`, '005'],
    ['type unknown', 'ABC', `${TODAY}120000AM`, `${TODAY}115959PM`, '006'],
    ['from missing', 'EES', '', `${TODAY}115959PM`, '007'],
    ['from hour 13', 'EES', `${TODAY}130000AM`, `${TODAY}115959PM`, '008'],
    ['from without AM/PM', 'EES', `${TODAY}1200001 `, `${TODAY}115959PM`, '008'],
    ['to missing', 'EES', `${TODAY}120000AM`, '', '009'],
    ['to 30 February', 'EES', `${TODAY}120000AM`, '023026115959PM', '010'],
    ['to before from', 'EES', `${TODAY}120000PM`, `${TODAY}115959AM`, '011'],
    ['32 days', 'EES', '102526120000AM', `${TODAY}115959PM`, '012'],
    ['to tomorrow', 'EES', `${TODAY}120000AM`, '112626120000AM', '017'],
  ];
  for (const [what, type, from, to, code] of cases) {
    const answer = await answerOf(mock, batch('EQ', [j2(mock, type, from, to)]));
    t.same(ids(answer), ['JA', 'JZ'], `${what}: JA then JZ`);
    t.equal(jz(mock, answer)[0]?.['condition'], code, `${what}: ${code}`);
  }
  const days31 = await answerOf(mock, batch('EQ', [j2(mock, 'EES', '102626120000AM', `${TODAY}115959PM`)]));
  t.equal(jz(mock, days31)[0]?.['condition'], '015', '31 days are allowed');
});

t.test('syntax: one query per block and per batch (X41), J0 first (X35), slots from the left (X35), X34, X39, X40', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const n = entry(6200081);
  const criteria = j2(mock, 'EES', `${TODAY}120000AM`, `${TODAY}115959PM`);
  const gap = writeRecord(mock.catalog.layout('J1'), { entryFiler1: 'B76', entryNumber1: n, entryFiler3: 'B76', entryNumber3: n });
  const cases: [string, string[], string][] = [
    ['J1 and J2', [j1(mock, [n]), criteria], 'X41'],
    ['two J2', [criteria, criteria], 'X41'],
    ['J0 after J1', [j1(mock, [n]), J0], 'X35'],
    ['gap', [gap], 'X35'],
    ['stray record', [j1(mock, [n]), rec('JB')], 'X34'],
    ['data in filler', [put(j1(mock, [n]), 75, 'X')], 'X39'],
    ['lower case', [put(j1(mock, [n]), 6, 'b76')], 'X40'],
  ];
  for (const [what, details, code] of cases) {
    const exchange = (await send(mock, batch('EQ', details), { accept: 'application/json' })).json() as { outcome: string; batchConditions: { code: string }[] };
    t.equal(exchange.outcome, 'batch-rejected', what);
    t.same(exchange.batchConditions.map((c) => c.code), [code], `${what}: ${code}`);
  }
  const block = batch('EQ', [j1(mock, [n])]).split('\n').slice(1, 4);
  const twoBlocks = [rec('A2704B76PASSWD112526     EQ'), ...block, ...block, rec('Z2704B76      112526')].join('\n');
  const exchange = (await send(mock, twoBlocks, { accept: 'application/json' })).json() as { output: string[] };
  t.same(exchange.output.filter((r) => r.startsWith('X')).map((r) => r.slice(0, 10).trimEnd()), ['X0 BLOCK', 'X1 FX41', 'X1RF999'], 'a second EQ block: X41 on it (ESQ-16)');
});

t.test('an EQ scenario adds its JZ per entry queried, or answers with it alone', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const [a, b] = [entry(6200091), entry(6200092)];
  await answerOf(mock, aeClean(a));
  const answer = await answerOf(mock, batch('EQ', [j1(mock, [a, b])]), { 'x-ace-scenario': 'es-query-not-found' });
  t.same(jz(mock, answer).map((r) => [r['condition'], r['entryNumber']]), [['013', a], ['013', b]], 'built-in rules off: only the scripted 013s');
  t.same(ids(answer), ['JZ', 'JZ']);
});

t.test('dates and times of the query are 12-hour clock times in UTC', async (t) => {
  t.equal(readDateTime('112526120000AM')?.toISOString(), '2026-11-25T00:00:00.000Z', '12 AM is midnight');
  t.equal(readDateTime('112526120000PM')?.toISOString(), '2026-11-25T12:00:00.000Z', '12 PM is noon');
  t.equal(readDateTime('112526115959PM')?.toISOString(), '2026-11-25T23:59:59.000Z');
  t.equal(readDateTime('022927120000AM'), undefined, 'no 29 February in 2027');
  t.equal(readDateTime('112526000000AM'), undefined, 'hour 00 is not on a 12-hour clock');
  t.equal(readDateTime('112526126000AM'), undefined, 'minute 60');
  t.equal(writeDateTime(new Date('2026-11-25T00:00:01.000Z')), '112526120001AM');
  t.equal(writeDateTime(new Date('2026-11-25T12:30:00.000Z')), '112526123000PM');
  t.equal(writeDateTime(TEST_NOW), NOW);
});

t.test('the output limit ends the answer with 016; a filing the journal no longer keeps leaves its facts blank', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const catalog = mock.catalog;
  const numbers = [entry(6200101), entry(6200102), entry(6200103)];
  const state = {
    status: 'accepted' as const, version: 100, brokerReference: '', entryType: '01', pscOnFile: false, firstAcceptedAt: TEST_NOW.toISOString(), warnings: [],
    liquidated: false, underReview: false, filed: { port: '2704', importer: '12-3456789AB', entryDate: '2026-11-25', reconciliation: false, header: '' }, lifecycle: TRADE_CONTROL,
  };
  const app = new EntrySummaryQueryApplication({
    catalog,
    entries: { get: () => state },
    filings: {
      filings: () => [{ exchangeId: 'pruned', at: TEST_NOW.toISOString() }],
      lastFiledBetween: () => numbers.map((entryNumber) => ({ entryNumber, lastFiledAt: TEST_NOW.toISOString() })),
      transmission: () => undefined,
    },
    releases: { release: () => undefined },
    director: { direct: () => ({ reason: 'no scenario' }) },
    random: () => 0,
    maxSummaries: 2,
  });
  const header = { text: rec('B  2704B76EQ'), position: 2 };
  const block = { number: 1, header, details: [{ text: rec(`J2 EES ${TODAY}120000AM${TODAY}115959PM`), position: 3 }] };
  const ctx = { catalog, session: 's', exchangeId: 'x', now: TEST_NOW, addressee: { exchangeId: 'x', transport: 'test' } };
  const { units } = app.group(block);
  const answer = app.answer(block, units, ctx);
  t.same(answer.records.filter((r) => /^J[ABZ]/.test(r)).map((r) => r.slice(0, 2) + (r.startsWith('JZ') ? r.slice(2, 5) : '')), ['JA', 'JB', 'JB', 'JZ016']);
  t.same(fields(mock, 'JZ', answer.records.filter((r) => r.startsWith('JZ')), ['narrative']), [{ narrative: 'OUTPUT LIMIT REACHED; ADDTNL ES FOUND' }]);
  t.match(answer.transactions, [{ outcome: 'accepted', disposition: '016' }], 'the summaries before it are answered');
  t.same(ids(answer.records.slice(1, 9)), ['JB', 'JC', 'JD', 'JE', 'JF', 'JG', 'JH', 'JB'], 'no JI without the filing');
  t.equal(answer.records[4]?.trimEnd(), 'JE', 'JE blank without the filing');
});
