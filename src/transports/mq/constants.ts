import { createRequire } from 'node:module';

/**
 * IBM MQ's own numeric constants, read from `ibmmq/lib/mqidefs.js`: plain JavaScript that loads
 * without libmqm, so the fake queue manager and the tests use the real values even where the
 * MQ client library is absent. Only the constants this transport uses are picked, and each is
 * checked to be a number, so a renamed constant fails at load rather than as `undefined` later.
 */
const definitions = createRequire(import.meta.url)('ibmmq/lib/mqidefs.js') as Readonly<Record<string, unknown>>;

const USED = [
  'MQCC_WARNING',
  'MQCC_FAILED',
  'MQRC_CONNECTION_BROKEN',
  'MQRC_HCONN_ERROR',
  'MQRC_HOBJ_ERROR',
  'MQRC_NO_MSG_AVAILABLE',
  'MQRC_NOT_AUTHORIZED',
  'MQRC_NOT_OPEN_FOR_INPUT',
  'MQRC_NOT_OPEN_FOR_INQUIRE',
  'MQRC_NOT_OPEN_FOR_OUTPUT',
  'MQRC_Q_FULL',
  'MQRC_Q_MGR_NAME_ERROR',
  'MQRC_SELECTOR_ERROR',
  'MQRC_SELECTOR_NOT_FOR_TYPE',
  'MQRC_HOST_NOT_AVAILABLE',
  'MQRC_TRUNCATED_MSG_FAILED',
  'MQRC_UNKNOWN_OBJECT_NAME',
  'MQRC_UNKNOWN_REMOTE_Q_MGR',
  'MQCA_FIRST',
  'MQCA_LAST',
  'MQCA_BACKOUT_REQ_Q_NAME',
  'MQCA_DEAD_LETTER_Q_NAME',
  'MQCA_Q_NAME',
  'MQIA_BACKOUT_THRESHOLD',
  'MQIA_CURRENT_Q_DEPTH',
  'MQIA_MAX_Q_DEPTH',
  'MQCCSI_Q_MGR',
  'MQEI_UNLIMITED',
  'MQENC_NATIVE',
  'MQMT_DATAGRAM',
  'MQMT_REQUEST',
  'MQPER_NOT_PERSISTENT',
  'MQPER_PERSISTENT',
  'MQPER_PERSISTENCE_AS_Q_DEF',
  'MQPRI_PRIORITY_AS_Q_DEF',
  'MQRO_NONE',
  'MQRO_PASS_CORREL_ID',
  'MQRO_PASS_MSG_ID',
  'MQMT_REPLY',
  'MQRO_PASS_DISCARD_AND_EXPIRY',
  'MQRC_Q_MGR_NOT_AVAILABLE',
  'MQRC_Q_MGR_QUIESCING',
  'MQRC_Q_MGR_STOPPING',
  'MQRC_CONNECTION_QUIESCING',
  'MQRC_CONNECTION_STOPPING',
  'MQ_MSG_ID_LENGTH',
  'MQCNO_CLIENT_BINDING',
  'MQCO_NONE',
  'MQGMO_CONVERT',
  'MQGMO_FAIL_IF_QUIESCING',
  'MQGMO_NO_SYNCPOINT',
  'MQGMO_NO_WAIT',
  'MQGMO_WAIT',
  'MQGMO_SYNCPOINT',
  'MQOO_FAIL_IF_QUIESCING',
  'MQOO_INPUT_AS_Q_DEF',
  'MQOO_INQUIRE',
  'MQOO_OUTPUT',
  'MQOT_Q',
  'MQOT_Q_MGR',
  'MQPMO_FAIL_IF_QUIESCING',
  'MQPMO_NO_SYNCPOINT',
  'MQPMO_SYNCPOINT',
  'MQMO_MATCH_CORREL_ID',
  'MQMO_MATCH_MSG_ID',
  'MQGMO_NO_PROPERTIES',
  'MQGMO_PROPERTIES_IN_HANDLE',
  'MQIMPO_CONVERT_VALUE',
  'MQIMPO_INQ_FIRST',
  'MQIMPO_INQ_NEXT',
  'MQRC_PROPERTY_NAME_ERROR',
  'MQRC_PROPERTY_NOT_AVAILABLE',
  'MQRC_MSG_TOO_BIG_FOR_Q_MGR',
  'MQRC_Q_DELETED',
  'MQRC_RESOURCE_PROBLEM',
  'MQRC_UNKNOWN_ALIAS_BASE_Q',
  'MQRC_Q_TYPE_ERROR',
  'MQRC_RECONNECT_FAILED',
  'MQIA_HARDEN_GET_BACKOUT',
  'MQIA_MAX_MSG_LENGTH',
  'MQIA_MAX_UNCOMMITTED_MSGS',
  'MQOO_SAVE_ALL_CONTEXT',
  'MQPMO_PASS_ALL_CONTEXT',
  'MQRC_CONTEXT_HANDLE_ERROR',
  'MQFB_NONE',
  'MQRC_GET_INHIBITED',
  'MQRC_PUT_INHIBITED',
  'MQRC_MSG_TOO_BIG_FOR_Q',
  'MQRC_SYNCPOINT_LIMIT_REACHED',
  'MQRC_BACKED_OUT',
  'MQRC_NOT_CONVERTED',
  'MQRC_FORMAT_ERROR',
  'MQRC_SOURCE_CCSID_ERROR',
  'MQRC_CONVERTED_MSG_TOO_BIG',
  'MQRC_BACKOUT_THRESHOLD_REACHED',
  'MQMT_REPORT',
  'MQFB_COA',
  'MQFB_COD',
  'MQRO_COA',
  'MQRO_COD',
  'MQRO_EXCEPTION',
  'MQRO_DISCARD_MSG',
  'MQRO_COA_WITH_DATA',
  'MQRO_COA_WITH_FULL_DATA',
  'MQRO_COD_WITH_DATA',
  'MQRO_COD_WITH_FULL_DATA',
  'MQRO_EXPIRATION',
  'MQRO_PAN',
  'MQRO_NAN',
  'MQRC_MISSING_REPLY_TO_Q',
  'MQRC_CONTEXT_NOT_AVAILABLE',
  'MQRC_NOT_OPEN_FOR_PASS_ALL',
  'MQOO_PASS_ALL_CONTEXT',
  'MQAT_QMGR',
  'MQAT_UNIX',
  'MQQA_BACKOUT_HARDENED',
  'MQQA_BACKOUT_NOT_HARDENED',
  'MQ_ACCOUNTING_TOKEN_LENGTH',
  'MQ_PUT_APPL_NAME_LENGTH',
] as const;

function pick(names: typeof USED): Readonly<Record<(typeof USED)[number], number>> {
  const picked: Partial<Record<(typeof USED)[number], number>> = {};
  for (const name of names) {
    const value = definitions[name];
    if (typeof value !== 'number') throw new Error(`ibmmq/lib/mqidefs.js has no numeric ${name}`);
    picked[name] = value;
  }
  return picked as Record<(typeof USED)[number], number>;
}

export const MQC = pick(USED);

/** MQFMT_STRING as ibmmq presents it (and every MQCHAR field): trimmed of MQ's blank padding. */
export const MQFMT_STRING = String(definitions.MQFMT_STRING).trim();
export const MQFMT_NONE = '';

/** MQMI_NONE / MQCI_NONE: 24 zero bytes (byte-string constants are not in mqidefs.js). */
export const noId = (): Buffer => Buffer.alloc(MQC.MQ_MSG_ID_LENGTH);

const reasonNames = new Map<number, string>();
for (const [name, value] of Object.entries(definitions)) {
  if (name.startsWith('MQRC_') && typeof value === 'number' && !reasonNames.has(value)) reasonNames.set(value, name);
}

/** The MQRC_ name of a reason code (MQRC_NO_MSG_AVAILABLE for 2033), for readable errors and logs. */
export const reasonName = (mqrc: number): string => reasonNames.get(mqrc) ?? 'MQRC_UNKNOWN';
