import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { EntrySummaryOptions } from './applications/entry-summary/options.js';
import { DEFAULT_SCHEMA_DIR } from './catair/catalog.js';
import { DEFAULT_SCENARIO_DIR } from './scenarios/load.js';

const flag = z
  .union([z.boolean(), z.enum(['1', '0', 'true', 'false', 'yes', 'no'])])
  .transform((v) => v === true || v === '1' || v === 'true' || v === 'yes');

/** The IBM MQ door: off by default; `docker/docker-compose.yml` turns it on against the MQ developer container. */
export const MqConfig = z
  .object({
    enabled: flag.default(false),
    queueManager: z.string().min(1).default('QM1'),
    host: z.string().min(1).default('127.0.0.1'),
    port: z.coerce.number().int().min(1).max(65535).default(1414),
    channel: z.string().min(1).default('DEV.APP.SVRCONN'),
    user: z.string().optional(),
    /** A file holding the password (a Docker secret), never the password itself. */
    passwordFile: z.string().optional(),
    cipher: z.string().optional().describe('TLS CipherSpec, e.g. ANY_TLS12_OR_HIGHER'),
    keyRepository: z.string().optional().describe('TLS key repository stem, e.g. /etc/mqm/key for key.kdb'),
    requestQueue: z.string().min(1).default('ACE.REQUEST'),
    /** Where replies go when a request names no ReplyToQ. */
    replyQueue: z.string().min(1).default('ACE.REPLY'),
    /** Where unsolicited output (UC notifications) goes. */
    notificationQueue: z.string().min(1).default('ACE.NOTIFY'),
    /** Overrides the request queue's BOQNAME; without either, the queue manager's dead-letter queue. */
    backoutQueue: z.string().optional(),
    /** Used when the request queue has no BOTHRESH. */
    backoutThreshold: z.coerce.number().int().min(1).default(3),
    pollMs: z.coerce.number().int().min(10).max(10_000).default(200),
    /** Replies as 80-character records back to back (as CBP sends them) or one per line. */
    framing: z.enum(['concatenated', 'lines']).default('concatenated'),
  })
  .strict();
export type MqConfig = z.infer<typeof MqConfig>;

/** The whole configuration, with defaults that run out of the box. */
export const Config = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.coerce.number().int().min(0).max(65535).default(8080),
    db: z.string().default('./data/ace-mock.db'),
    schemas: z.string().default(DEFAULT_SCHEMA_DIR),
    /** Folder of scenario files (YAML, searched recursively). */
    scenarios: z.string().default(DEFAULT_SCENARIO_DIR),
    /** Reload scenarios when their folder changes. */
    watch: flag.default(true),
    /** Seed of the generator behind scripted delay ranges. */
    seed: z.coerce.number().int().default(1),
    /** Right-pad short records of hand-edited files instead of rejecting them (X40/X42). */
    lenient: flag.default(false),
    /** A throwaway database in a temporary folder, removed when ace-mock stops: a walkthrough starts clean each time (`db` is not used). */
    demo: flag.default(false),
    /** Largest transmission accepted over HTTP, in bytes (413 beyond). */
    bodyLimit: z.coerce.number().int().positive().default(1024 * 1024),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** When set, admin endpoints need `Authorization: Bearer <token>`; unset, they answer loopback clients only. */
    adminToken: z.string().min(16, 'an admin token of at least 16 characters').optional(),
    /** Without a token, loopback clients may make admin calls; off behind a proxy, whose requests all come from loopback. */
    trustLoopback: flag.default(true),
    /** More names loopback clients may call this server by (a proxy on this machine forwarding its own name), comma-separated. */
    allowedHosts: z
      .string()
      .default('')
      .transform((list) => list.split(',').map((h) => h.trim().toLowerCase()).filter((h) => h !== '')),
    /** Journal retention: at most this many exchanges (0 = no limit) … */
    retentionMaxExchanges: z.coerce.number().int().min(0).default(100_000),
    /** … and none older than this many days (0 = no limit); outbox messages due before then go too. */
    retentionDays: z.coerce.number().min(0).default(30),
    /** Follow-up messages kept per session, so a slow or absent consumer cannot grow the outbox for ever (0 = no limit). */
    outboxLimit: z.coerce.number().int().min(0).default(10_000),
    /** The certification criteria file (default: the shipped schemas/certification/criteria.yaml). */
    certificationCriteria: z.string().optional(),
    /** The folder of certification plans (default: the shipped schemas/certification/plans). */
    certificationPlans: z.string().optional(),
    entrySummary: EntrySummaryOptions.default(EntrySummaryOptions.parse({})),
    mq: MqConfig.default(MqConfig.parse({})),
  })
  .strict();
export type Config = z.infer<typeof Config>;

/** Environment variables and the configuration keys they set. */
export const ENVIRONMENT: Readonly<Record<string, string>> = {
  HOST: 'host',
  PORT: 'port',
  ACE_MOCK_DB: 'db',
  ACE_MOCK_SCHEMAS: 'schemas',
  ACE_MOCK_SCENARIOS: 'scenarios',
  ACE_MOCK_WATCH: 'watch',
  ACE_MOCK_SEED: 'seed',
  ACE_MOCK_LENIENT: 'lenient',
  ACE_MOCK_DEMO: 'demo',
  ACE_MOCK_BODY_LIMIT: 'bodyLimit',
  LOG_LEVEL: 'logLevel',
  ACE_MOCK_ADMIN_TOKEN: 'adminToken',
  ACE_MOCK_TRUST_LOOPBACK: 'trustLoopback',
  ACE_MOCK_ALLOWED_HOSTS: 'allowedHosts',
  ACE_MOCK_RETENTION_MAX_EXCHANGES: 'retentionMaxExchanges',
  ACE_MOCK_RETENTION_DAYS: 'retentionDays',
  ACE_MOCK_OUTBOX_LIMIT: 'outboxLimit',
  ACE_MOCK_CERTIFICATION_CRITERIA: 'certificationCriteria',
  ACE_MOCK_CERTIFICATION_PLANS: 'certificationPlans',
  ACE_MOCK_ACTION_POLICY: 'entrySummary.actionPolicy',
  ACE_MOCK_LINE_ORDER: 'entrySummary.lineOrder',
  ACE_MOCK_PSC_WINDOW_DAYS: 'entrySummary.pscWindowDays',
  ACE_MOCK_LIQUIDATION_DAYS: 'entrySummary.liquidationDays',
  ACE_MOCK_PSC_LIQUIDATION_MARGIN_DAYS: 'entrySummary.pscLiquidationMarginDays',
  ACE_MOCK_PORT_MATCH: 'entrySummary.portMatch',
  ACE_MOCK_PSC_ENTRY_TYPE_CHANGE: 'entrySummary.pscEntryTypeChange',
  ACE_MOCK_PGA_NUMBERING: 'entrySummary.pgaNumbering',
  ACE_MOCK_FOREIGN_EXPORTER: 'entrySummary.foreignExporter',
  ACE_MOCK_MQ_ENABLED: 'mq.enabled',
  ACE_MOCK_MQ_QMGR: 'mq.queueManager',
  ACE_MOCK_MQ_HOST: 'mq.host',
  ACE_MOCK_MQ_PORT: 'mq.port',
  ACE_MOCK_MQ_CHANNEL: 'mq.channel',
  ACE_MOCK_MQ_USER: 'mq.user',
  ACE_MOCK_MQ_PASSWORD_FILE: 'mq.passwordFile',
  ACE_MOCK_MQ_CIPHER: 'mq.cipher',
  ACE_MOCK_MQ_KEY_REPOSITORY: 'mq.keyRepository',
  ACE_MOCK_MQ_REQUEST_QUEUE: 'mq.requestQueue',
  ACE_MOCK_MQ_REPLY_QUEUE: 'mq.replyQueue',
  ACE_MOCK_MQ_NOTIFICATION_QUEUE: 'mq.notificationQueue',
  ACE_MOCK_MQ_BACKOUT_QUEUE: 'mq.backoutQueue',
  ACE_MOCK_MQ_BACKOUT_THRESHOLD: 'mq.backoutThreshold',
  ACE_MOCK_MQ_POLL_MS: 'mq.pollMs',
  ACE_MOCK_MQ_FRAMING: 'mq.framing',
};

/** Entry Summary options given as numbers (the other environment values are text or coerced by the schema). */
const NUMERIC_ENTRY_SUMMARY_KEYS = new Set(['entrySummary.pscWindowDays', 'entrySummary.pscLiquidationMarginDays', 'entrySummary.liquidationDays']);

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] = { ...((node[key] as Record<string, unknown> | undefined) ?? {}) };
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

/** A configuration that cannot be used, with every problem named. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Builds the configuration: defaults, then the file named by ACE_MOCK_CONFIG (YAML or JSON), then
 * environment variables, then explicit overrides (command-line flags).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Record<string, unknown> = {}): Config {
  const raw: Record<string, unknown> = {};
  const file = env['ACE_MOCK_CONFIG'];
  if (file) {
    try {
      Object.assign(raw, parseYaml(readFileSync(file, 'utf8')));
    } catch (err) {
      throw new ConfigError(`cannot read ACE_MOCK_CONFIG=${file}: ${(err as Error).message}`);
    }
  }
  for (const [name, path] of Object.entries(ENVIRONMENT)) {
    const v = env[name];
    if (v !== undefined && v !== '') setPath(raw, path, NUMERIC_ENTRY_SUMMARY_KEYS.has(path) ? Number(v) : v);
  }
  for (const [path, v] of Object.entries(overrides)) if (v !== undefined) setPath(raw, path, v);
  const parsed = Config.safeParse(raw);
  if (!parsed.success) {
    const byKey = Object.fromEntries(Object.entries(ENVIRONMENT).map(([k, v]) => [v, k]));
    const lines = parsed.error.issues.map((i) => {
      const key = i.path.join('.');
      const envName = byKey[key];
      return `  ${key}${envName ? ` (${envName})` : ''}: ${i.message}`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
