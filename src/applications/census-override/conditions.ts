/**
 * The condition codes a CW03 answers with (CO). C01-C05 are CO's own codes (error dictionary,
 * `applications: CO:`); the others are shared with the AE's CW02 overrides. Checked against the
 * dictionary when the application is built.
 */
export const CO = {
  accepted: 'C01',
  entryNotFound: 'C02',
  otherFiler: 'C03',
  notAccepted: 'C04',
  lineUnknown: 'C05',
  liquidated: 'B30',
  warningUnknown: '484',
  warningNotOutstanding: '485',
  overrideUnknown: '486',
  overrideNotAllowed: '487',
  duplicateWarning: '488',
} as const;
