import { reportText } from '../certification/format-text.js';
import type { ReportQuery } from '../certification/query.js';
import { CertificationRehearsal } from '../certification/rehearsal.js';
import { type CertificationReport, ReportQueryError } from '../certification/report.js';
import { loadCatalog } from '../catair/catalog.js';
import { SessionClocks } from '../clock/session-clocks.js';
import type { Config } from '../config.js';
import { DatabaseNotReadable, openDatabaseForReading } from '../store/database.js';
import { Journal } from '../store/journal.js';
import { Outbox } from '../store/outbox.js';
import { SqliteSessionClockStore } from '../store/session-clocks.js';

/** Exit statuses of `ace-mock certify`, for CI. */
export const CertifyStatus = { wouldPass: 0, wouldNotPass: 1, noReport: 2 } as const;

export interface CertifyOptions {
  readonly json: boolean;
  /** Ask a running ace-mock (its journal) instead of reading the database file. */
  readonly http?: string;
}

export interface CertifyIo {
  out(text: string): void;
  err(text: string): void;
}

const defaultIo: CertifyIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

async function overHttp(base: string, query: ReportQuery, io: CertifyIo): Promise<CertificationReport | undefined> {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const url = `${base.replace(/\/+$/, '')}/v1/certification/report?${params}`;
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(60_000) });
    const body = (await response.json()) as CertificationReport & { detail?: string };
    if (response.ok) return body;
    io.err(`ace-mock certify: GET ${url} answered ${response.status}: ${body.detail ?? JSON.stringify(body)}\n`);
  } catch (error) {
    io.err(`ace-mock certify: GET ${url}: ${(error as Error).message}; check that ace-mock is serving HTTP there\n`);
  }
  return undefined;
}

/**
 * The report from the database file, opened read-only: nothing is started or written, so it can
 * run beside the server. It sees the messages the server has delivered; work falling due since
 * (a statement) shows once the server has run it, or at once with --http.
 */
async function fromFile(config: Config, query: ReportQuery): Promise<CertificationReport> {
  const db = openDatabaseForReading(config.db);
  try {
    const clocks = new SessionClocks(new SqliteSessionClockStore(db), () => new Date());
    const rehearsal = new CertificationRehearsal(
      { schemas: config.schemas, ...(config.certificationCriteria !== undefined && { criteria: config.certificationCriteria }), ...(config.certificationPlans !== undefined && { plans: config.certificationPlans }) },
      { journal: new Journal(db), outbox: new Outbox(db), catalog: loadCatalog(config.schemas), sessionNow: (s) => clocks.now(s), catchUp: async () => undefined, now: () => new Date() },
    );
    // One snapshot for every page read: the server may prune or write while the report reads.
    db.exec('BEGIN');
    return await rehearsal.report(query);
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
    db.close();
  }
}

/**
 * `ace-mock certify`: the certification rehearsal report, from a running ace-mock (`--http`) or
 * the database file; exit 0 when CBP's criteria would be met, 1 when not, 2 when there is no report.
 */
export async function certify(config: Config, query: ReportQuery, options: CertifyOptions, io: CertifyIo = defaultIo): Promise<number> {
  let report: CertificationReport | undefined;
  if (options.http !== undefined) {
    report = await overHttp(options.http, query, io);
  } else {
    try {
      report = await fromFile(config, query);
    } catch (error) {
      if (!(error instanceof ReportQueryError || error instanceof DatabaseNotReadable)) throw error;
      io.err(`ace-mock certify: ${error.message}\n`);
    }
  }
  if (!report) return CertifyStatus.noReport;
  io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : reportText(report));
  if (report.programs.length === 0) return CertifyStatus.noReport;
  return report.wouldPass ? CertifyStatus.wouldPass : CertifyStatus.wouldNotPass;
}
