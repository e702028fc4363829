/**
 * The codes of the CQ Query Error Appendix (ACMQ-65) a built-in rule answers with, written in the
 * query's WR0, WSA or WSB (error dictionary `applications: C1:`; the same numbers mean other things
 * in AX). Checked against the dictionary when the application is built. B06 (filer unknown), 999
 * and ZZZ need CBP's files or systems: only scenarios answer with them.
 */
export const C1 = {
  invalidCarrier: '009',
  billNotOnFile: '122',
  inBondNotOnFile: '123',
  carrierMissing: '176',
  billNumberMissing: '185',
  invalidAirWaybill: '297',
  entryNotFound: '950',
  filerMissing: 'B05',
  entryNumberMissing: 'B14',
  insufficientData: 'INE',
  filerNotAuthorized: 'X17',
  dataInFiller: 'X39',
  nonStandardData: 'X40',
} as const;
