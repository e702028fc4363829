import type { ConditionReport, TransactionOutcome } from '../applications/application.js';
import type { ReportQuery } from '../certification/query.js';
import type { CertificationReport } from '../certification/report.js';
import type { DecodedRecord } from '../catair/decode.js';
import type { BatchConditionReport } from '../pipeline.js';
import type { Armed } from '../store/scenario-state.js';
import type { SessionClockView } from '../transports/http/clock.js';
import type { ExchangeDocument } from '../transports/http/exchange-document.js';
import type { MessageView } from '../transports/http/messages.js';

/**
 * What `POST /v1/transmissions` answers with `Accept: application/json`: the exchange (outcome,
 * each transaction with its conditions, the batch conditions, the output records, the messages it
 * queued) with every input and output record decoded field by field; GET /v1/transmissions/:id
 * answers the same. The README's "HTTP API" section describes it.
 */
export type Answer = ExchangeDocument;

/** An unsolicited message (UC or SO notice, PF statement, NR courtesy notice) as `GET /v1/messages` returns it. */
export type Message = MessageView;

/** A session's mock clock: `now` is its time, `real` the server's, `moved` whether they differ. */
export type SessionClock = SessionClockView;

/** A scenario armed for the next transactions of a session, a filer or an entry. */
export type Arming = Armed;

/** What a certification report covers: filer, application or program, port, session, from/to, days, plan, monthlyVolume. */
export type CertificationQuery = Partial<ReportQuery>;

export type { BatchConditionReport, CertificationReport, ConditionReport, DecodedRecord, TransactionOutcome };
