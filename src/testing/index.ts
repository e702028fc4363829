/**
 * ace-mock/testing: ace-mock from Jest, Vitest, node:test or tap. start() runs one in the test
 * process; connect(url) drives one already running; both give the same client. The assertions
 * throw node's AssertionError, which every test runner reports.
 */
export { start, type StartOptions } from './start.js';
export { AceMockClient, connect, type ArmOptions, type ConnectOptions, type NextMessageOptions, type SendOptions, type SessionOptions } from './client.js';
export { AceMockRequestError } from './request.js';
export { describeAnswer, expectAccepted, expectRejected, type RejectionExpected } from './expect.js';
export type { Answer, Arming, BatchConditionReport, CertificationQuery, CertificationReport, ConditionReport, DecodedRecord, Message, SessionClock, TransactionOutcome } from './answer.js';
