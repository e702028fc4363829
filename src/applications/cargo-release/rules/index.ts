import { recordsForAction, contactRecord } from './action-records.js';
import { billGroupings, billQuantities, billsForMode, billsForType, nonAmsConveyance } from './bills.js';
import { cancellation, disReference } from './cancellation.js';
import { ftzLines, ftzSite, weeklyEntry } from './ftz.js';
import { entryFiler, entryNumber, entryType, importer } from './header.js';
import { immediateDelivery } from './immediate-delivery.js';
import { layoutFields } from './layout-fields.js';
import { entryValues, lineStructure, lineValues, tariffOrder } from './lines.js';
import { partiesOnce, partyForms, requiredParties } from './parties.js';
import { referenceForms, singleTransactionBond, typeReferences } from './references.js';
import type { Rule } from './rule.js';
import { actionOnFile } from './state.js';
import { portWithSummary } from './summary-on-file.js';
import { modeOfTransport, plannedPort, portOfUnlading } from './transport.js';
import { unifiedIsf } from './unified-isf.js';
import { warehouse } from './warehouse.js';

/** The cargo release rules, in the order their conditions are found (each rule decides which actions it concerns). */
export const CARGO_RELEASE_RULES: readonly Rule[] = [
  layoutFields,
  entryFiler,
  entryNumber,
  entryType,
  actionOnFile,
  recordsForAction,
  contactRecord,
  cancellation,
  disReference,
  importer,
  modeOfTransport,
  plannedPort,
  portOfUnlading,
  portWithSummary,
  immediateDelivery,
  warehouse,
  ftzSite,
  weeklyEntry,
  referenceForms,
  singleTransactionBond,
  typeReferences,
  billGroupings,
  billQuantities,
  billsForMode,
  nonAmsConveyance,
  billsForType,
  partiesOnce,
  partyForms,
  requiredParties,
  lineStructure,
  tariffOrder,
  ftzLines,
  lineValues,
  entryValues,
  unifiedIsf,
];
