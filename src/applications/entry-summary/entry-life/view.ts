import type { EntryState } from '../entry-store.js';
import { stageOf } from './stages.js';

/** An entry summary as GET /v1/sessions/:session/entries/:filer/:entryNumber shows it: where it stands and the days of its life. */
export function entryView(state: EntryState) {
  const l = state.lifecycle;
  return {
    stage: stageOf(state),
    status: state.status,
    version: String(state.version).padStart(5, '0'),
    entryType: state.entryType,
    brokerReference: state.brokerReference,
    paymentType: l.paymentType ?? '',
    entryDate: state.filed.entryDate,
    firstAcceptedAt: state.firstAcceptedAt,
    statement: l.statement === 'none' ? null : { status: l.statement, number: l.statementNumber ?? null, printedOn: l.statementPrintedOn ?? null },
    paid: l.paid,
    paidOn: l.paidOn ?? null,
    underReview: state.underReview,
    liquidation: {
      scheduled: l.liquidationScheduled,
      date: l.liquidationDate ?? null,
      liquidated: state.liquidated,
      liquidatedOn: l.liquidatedOn ?? null,
      suspension: l.suspension ?? null,
    },
    pscOnFile: state.pscOnFile,
    outstandingCensusWarnings: state.warnings,
  };
}
