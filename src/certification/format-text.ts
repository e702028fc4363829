import type { CertificationReport, ProgramReport } from './report.js';
import { percent } from './format.js';

const MARK = { met: 'met       ', 'not met': 'NOT MET   ', 'not judged': 'not judged' } as const;

function programText(p: ProgramReport): string[] {
  const lines = [`${p.title} (${p.applications.join(', ')}): ${p.verdict.wouldPass ? 'would pass' : 'would NOT pass'}`, ''];
  lines.push('  day          transactions  rejected  batch-rejected  error rate');
  for (const d of p.days) {
    lines.push(`  ${d.day}  ${String(d.transactions).padStart(12)}  ${String(d.rejected).padStart(8)}  ${String(d.batchRejections).padStart(14)}  ${percent(d.errorRate).padStart(10)}`);
  }
  const t = p.total;
  lines.push(`  ${'total'.padEnd(10)}  ${String(t.transactions).padStart(12)}  ${String(t.rejected).padStart(8)}  ${String(t.batchRejections).padStart(14)}  ${percent(t.errorRate).padStart(10)}`, '');
  lines.push('  criteria:');
  for (const c of p.verdict.criteria) lines.push(`    ${MARK[c.status]}  ${c.measured}  [${c.source}]`);
  const repeated = p.repeatedErrors.filter((r) => r.repetitive);
  lines.push('', repeated.length === 0 ? '  repetitive errors: none' : '  repetitive errors:');
  for (const r of repeated) {
    lines.push(`    ${r.code} ${r.narrative} on ${r.field}: ${r.transactions} transactions over ${r.days.length} days, first ${r.firstSeen.at}, last ${r.lastSeen.at}${r.resolved ? ', corrected since' : ''} (${r.entries.join(', ')})`);
  }
  if (p.conditions.length > 0) lines.push(`  conditions: ${p.conditions.map((c) => `${c.code} x${c.transactions}${c.severity === 'fatal' ? '' : ` (${c.severity})`}`).join(', ')}`);
  return lines;
}

/** The report as a person reads it in a terminal or a CI log. */
export function reportText(report: CertificationReport): string {
  const q = report.query;
  const who = report.filer === undefined ? 'no filer' : `filer ${report.filer}`;
  const when = report.period === null ? 'no transmissions' : `${report.period.from} to ${report.period.to}`;
  const lines = [`Certification rehearsal for ${who}: ${when}${q.port === undefined ? '' : `, port ${q.port}`}${q.session === undefined ? '' : `, session ${q.session}`}`, ''];
  for (const p of report.programs) lines.push(...programText(p), '');
  for (const o of report.otherApplications) lines.push(`${o.application}: ${o.transactions} transactions, ${o.rejected} rejected (no certification criteria)`);
  if (report.otherApplications.length > 0) lines.push('');
  if (report.plan) {
    lines.push(`Plan ${report.plan.id} (${report.plan.title}): ${report.plan.done} of ${report.plan.of} shown`);
    for (const i of report.plan.items) lines.push(`  ${i.done ? 'shown     ' : 'TO SHOW   '}  ${i.title}${i.times > 1 ? ` (${i.seen} of ${i.times})` : ''}`);
    lines.push('');
  }
  lines.push(...report.summary, '', report.wouldPass ? 'Verdict: would pass' : 'Verdict: would NOT pass');
  return `${lines.join('\n')}\n`;
}
