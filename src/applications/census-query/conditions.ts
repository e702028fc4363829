/**
 * The condition codes a CJ2 answers with (CL's own codes, error dictionary `applications: CL:`; the
 * same numbers mean other things in EQ). Checked against the dictionary when the application is built.
 */
export const CL = {
  filerMissing: '003',
  entryNumberMissing: '004',
  entryNotFound: '006',
  noWarnings: '007',
  fromMissing: '009',
  fromUnknown: '010',
  toMissing: '011',
  toUnknown: '012',
  toBeforeFrom: '013',
  rangeTooLong: '014',
  portUnknown: '015',
  noSummaries: '016',
} as const;
