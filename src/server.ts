import { CertificationRehearsal } from './certification/rehearsal.js';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { ApplicationModule } from './applications/application.js';
import { APPLICATIONS, type ApplicationEnvironment, buildApplications, scenarioApplications } from './applications/registry.js';
import { type Catalog, loadCatalog } from './catair/catalog.js';
import type { Config } from './config.js';
import { Pipeline } from './pipeline.js';
import { type Db, openDatabase } from './store/database.js';
import { SqliteCargoReleaseStore } from './store/cargo-releases.js';
import { SqliteEntryStore } from './store/entries.js';
import { SqliteSessionClockStore } from './store/session-clocks.js';
import { SessionClocks } from './clock/session-clocks.js';
import { EntryLife } from './applications/entry-summary/entry-life/engine.js';
import { Schedule } from './schedule/schedule.js';
import { Scheduler } from './schedule/scheduler.js';
import { SqliteEntryFilings } from './store/entry-filings.js';
import { GroupCommit } from './store/group-commit.js';
import { startRetention } from './store/retention.js';
import { Journal } from './store/journal.js';
import { Outbox } from './store/outbox.js';
import { OutboxNotices } from './store/notices.js';
import { ScenarioState } from './store/scenario-state.js';
import { Director } from './scenarios/director.js';
import { ScenarioLibrary } from './scenarios/library.js';
import { seededRandom } from './scenarios/random.js';
import { mqReadiness } from './transports/http/readiness.js';
import { buildHttpServer } from './transports/http/server.js';
import type { MqClient } from './transports/mq/client.js';
import { IbmMqClient } from './transports/mq/ibmmq-client.js';
import { DeferredReplies } from './transports/mq/deferred-replies.js';
import { MqListener, type MqListenerOptions } from './transports/mq/listener.js';
import { createDemoFolder } from './demo-folder.js';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** A running ace-mock: the pipeline with its state, and the doors onto it. */
export interface AceMock {
  readonly config: Config;
  readonly catalog: Catalog;
  readonly db: Db;
  /** The database file in use: `config.db`, or in demo mode the throwaway one. */
  readonly dbPath: string;
  readonly journal: Journal;
  readonly entries: SqliteEntryStore;
  readonly releases: SqliteCargoReleaseStore;
  readonly pipeline: Pipeline;
  readonly scenarios: ScenarioLibrary;
  readonly scenarioState: ScenarioState;
  readonly outbox: Outbox;
  readonly commits: GroupCommit;
  /** Each session's mock clock. */
  readonly clocks: SessionClocks;
  /** Certification rehearsal reports from the journal. */
  readonly certification: CertificationRehearsal;
  readonly http: FastifyInstance;
  readonly mq: MqListener | undefined;
  readonly logger: Logger;
  close(): Promise<void>;
}

export interface CreateOptions {
  readonly logger?: Logger;
  /** Real time (tests pass a fixed one); each session's mock clock runs from it. */
  readonly clock?: () => Date;
  /** The MQ client when `mq.enabled` (tests pass the in-memory queue manager); default the real ibmmq one. */
  readonly mqClient?: MqClient;
  /** Schemas already loaded from `config.schemas` (tests that start many mocks load them once). */
  readonly catalog?: Catalog;
  /** The applications to offer; default every registered one (tests offer fewer). */
  readonly applications?: readonly ApplicationModule<ApplicationEnvironment>[];
}

/** The MQ door, when enabled: the listener on the request queue, started at once. */
function startMq(config: Config, deps: Omit<MqListenerOptions, 'client' | 'config' | 'password'>, client: MqClient | undefined): MqListener | undefined {
  if (!config.mq.enabled) return undefined;
  const password = config.mq.passwordFile !== undefined ? readFileSync(config.mq.passwordFile, 'utf8').trim() : undefined;
  const listener = new MqListener({ ...deps, client: client ?? new IbmMqClient(), config: config.mq, ...(password !== undefined && { password }) });
  listener.start();
  return listener;
}

/** Composition root: loads the schemas, opens the database, builds the pipeline and the HTTP door. */
export function createAceMock(config: Config, options: CreateOptions = {}): AceMock {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const catalog = options.catalog ?? loadCatalog(config.schemas);
  const demo = config.demo ? createDemoFolder() : undefined;
  // A process that ends without close() (an uncaught error, process.exit) still leaves no demo folder behind.
  const removeDemo = (): void => demo?.remove();
  if (demo) process.once('exit', removeDemo);
  const dbPath = demo?.db ?? config.db;
  const db = openDatabase(dbPath);
  const journal = new Journal(db);
  const entries = new SqliteEntryStore(db);
  const filings = new SqliteEntryFilings(db, journal);
  const releases = new SqliteCargoReleaseStore(db);
  const modules = options.applications ?? APPLICATIONS;
  const scenarios = new ScenarioLibrary(config.scenarios, catalog, scenarioApplications(modules), logger);
  if (config.watch) scenarios.watch();
  const scenarioState = new ScenarioState(db);
  const outbox = new Outbox(db);
  const notices = new OutboxNotices(catalog, outbox);
  const clock = options.clock ?? (() => new Date());
  const clocks = new SessionClocks(new SqliteSessionClockStore(db), clock);
  const sessionNow = (session: string) => clocks.now(session);
  const director = new Director(scenarios, scenarioState);
  const commits = new GroupCommit(db);
  const schedule = new Schedule(db, sessionNow);
  const scheduler = new Scheduler(schedule, commits, logger);
  const entryLife = new EntryLife({
    catalog,
    store: entries,
    schedule,
    notices,
    liquidationDays: config.entrySummary.liquidationDays,
    isAdcvd: (entryType) => catalog.codes('entry-types').get(entryType)?.['adcvd'] === true,
  });
  const applications = buildApplications({ catalog, schemas: config.schemas, config, entries, filings, releases, entryLife, director, random: seededRandom(config.seed) }, modules);
  const pipeline = new Pipeline(catalog, applications, commits, journal, notices, { lenient: config.lenient, clocks, runDue: (session) => scheduler.runDue(session) });
  scheduler.start();
  const stopRetention = startRetention(
    { journal, outbox },
    commits,
    { maxExchanges: config.retentionMaxExchanges, maxAgeDays: config.retentionDays, outboxPerSession: config.outboxLimit },
    clock,
    logger,
  );
  const mq = startMq(config, { pipeline, journal, outbox, deferred: new DeferredReplies(db), commits, catalog, logger, clock, sessionNow }, options.mqClient);
  const certification = new CertificationRehearsal(
    { schemas: config.schemas, ...(config.certificationCriteria !== undefined && { criteria: config.certificationCriteria }), ...(config.certificationPlans !== undefined && { plans: config.certificationPlans }) },
    { journal, outbox, catalog, sessionNow, now: clock, catchUp: (session) => scheduler.catchUp(session) },
  );
  const http = buildHttpServer({
    pipeline,
    journal,
    catalog,
    library: scenarios,
    state: scenarioState,
    commits,
    outbox,
    clock,
    clocks,
    certification,
    entries: { life: entryLife, historyOf: (key) => entries.historyOf(key), schedule, scheduler },
    ...(config.adminToken !== undefined && { adminToken: config.adminToken }),
    trustLoopback: config.trustLoopback,
    allowedHosts: config.allowedHosts,
    // The console shows a demo banner when /health says so.
    health: () => ({ mq: mq?.health ?? { status: 'disabled' }, ...(demo && { demo: true }) }),
    readiness: () => mqReadiness(mq?.health),
    bodyLimit: config.bodyLimit,
    lenient: config.lenient,
    version: VERSION,
    logger,
  });
  let closed = false;
  return {
    config,
    catalog,
    db,
    dbPath,
    journal,
    entries,
    releases,
    pipeline,
    scenarios,
    scenarioState,
    outbox,
    commits,
    clocks,
    certification,
    http,
    mq,
    logger,
    async close() {
      if (closed) return;
      closed = true;
      // Stop taking work at both doors first; the MQ listener finishes or backs out its message.
      await mq?.stop();
      scheduler.stop();
      stopRetention();
      scenarios.close();
      await http.close();
      commits.commit();
      db.close();
      demo?.remove();
      if (demo) process.off('exit', removeDemo);
    },
  };
}
