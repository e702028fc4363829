/**
 * The condition codes a JZ answers with (ER's own codes, error dictionary `applications: ER:`; the
 * same numbers mean other things in CL and AC). Checked against the dictionary when the
 * application is built.
 */
export const ER = {
  returnDetailNotY: '001',
  queryMissing: '002',
  filerMissing: '003',
  entryNumberMissing: '004',
  typeMissing: '005',
  typeUnknown: '006',
  fromMissing: '007',
  fromUnknown: '008',
  toMissing: '009',
  toUnknown: '010',
  toBeforeFrom: '011',
  rangeTooLong: '012',
  notFound: '013',
  notPermitted: '014',
  noSummaries: '015',
  outputLimit: '016',
  futureTo: '017',
} as const;
