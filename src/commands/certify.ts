import { pino } from 'pino';
import { reportText } from '../certification/format-text.js';
import { type CertificationReport, type ReportQuery, ReportQueryError } from '../certification/report.js';
import type { Config } from '../config.js';
import { createAceMock } from '../server.js';

/** Exit statuses of `ace-mock certify`, for CI. */
export const CertifyStatus = { wouldPass: 0, wouldNotPass: 1, noAnswer: 2 } as const;

export interface CertifyOptions {
  readonly json: boolean;
  /** Ask a running ace-mock (its journal) instead of opening the database file. */
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
 * `ace-mock certify`: the certification rehearsal report for a filer, from a running ace-mock
 * (`--http`) or from the database file; exit 0 when CBP's criteria would be met, 1 when not.
 */
export async function certify(config: Config, query: ReportQuery, options: CertifyOptions, io: CertifyIo = defaultIo): Promise<number> {
  let report: CertificationReport | undefined;
  if (options.http !== undefined) {
    report = await overHttp(options.http, query, io);
  } else {
    const mock = createAceMock(config, { logger: pino({ level: 'silent' }) });
    try {
      report = await mock.certification.report(query);
    } catch (error) {
      if (!(error instanceof ReportQueryError)) throw error;
      io.err(`ace-mock certify: ${error.message}\n`);
    } finally {
      await mock.close();
    }
  }
  if (!report) return CertifyStatus.noAnswer;
  io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : reportText(report));
  return report.wouldPass ? CertifyStatus.wouldPass : CertifyStatus.wouldNotPass;
}
