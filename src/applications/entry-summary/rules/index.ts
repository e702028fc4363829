import { actionAgainstState } from './action.js';
import { adcvdTotals } from './adcvd-totals.js';
import { articleCharges } from './article-charges.js';
import { bond } from './bond.js';
import { releaseOnFile } from './cargo-release.js';
import { censusOverrides } from './census-overrides.js';
import { censusParameters } from './census-parameters.js';
import { entryNumber } from './entry-number.js';
import { entryType } from './entry-type.js';
import { entryTypeRequirements } from './entry-type-requirements.js';
import { feeTotals } from './fee-totals.js';
import { filerAndPort } from './filer-and-port.js';
import { importerNumber } from './importer.js';
import { layoutFields } from './layout-fields.js';
import { lineItems } from './lines.js';
import { missingGroups } from './missing-groups.js';
import { parties } from './parties.js';
import { paymentType } from './payment-type.js';
import { pgaNumbering } from './pga-numbering.js';
import { postSummaryCorrection } from './psc.js';
import { quantityUom } from './quantity-uom.js';
import type { Rule } from './rule.js';
import { electronicSignature } from './signature.js';
import { statementFields } from './statement-fields.js';
import { tariffNumbers } from './tariff-numbers.js';
import { totals } from './totals.js';

/** Every Entry Summary business rule, in the order their conditions are usually listed. */
export const ENTRY_SUMMARY_RULES: readonly Rule[] = [
  layoutFields,
  entryNumber,
  filerAndPort,
  entryType,
  entryTypeRequirements,
  actionAgainstState,
  releaseOnFile,
  electronicSignature,
  paymentType,
  statementFields,
  importerNumber,
  parties,
  bond,
  postSummaryCorrection,
  lineItems,
  missingGroups,
  tariffNumbers,
  quantityUom,
  pgaNumbering,
  articleCharges,
  censusOverrides,
  censusParameters,
  totals,
  feeTotals,
  adcvdTotals,
];
