import { useEffect, useState } from 'preact/hooks';
import { percent } from '../certification/format.js';
import { type CertificationReport, getJson, type PlanSummary, problemText, type ProgramReport } from './api';
import { navigate } from './route';

export interface CertificationProps {
  /** The report's query as the address bar holds it (`#/certification?filer=B76&days=3`). */
  readonly params: URLSearchParams;
}

const FIELDS = ['filer', 'application', 'plan', 'from', 'to', 'days', 'port', 'session', 'monthlyVolume'] as const;

function Program({ program }: { readonly program: ProgramReport }) {
  const repetitive = program.repeatedErrors.filter((r) => r.repetitive);
  return (
    <section class="cert-program" aria-labelledby={`program-${program.id}`}>
      <h3 id={`program-${program.id}`}>
        {program.title} <span class="muted">({program.applications.join(', ')})</span>{' '}
        <span class={program.verdict.wouldPass ? 'verdict pass' : 'verdict fail'}>{program.verdict.wouldPass ? 'would pass' : 'would not pass'}</span>
      </h3>
      <p class="cert-summary">{program.verdict.summary}</p>
      <table class="cert-criteria">
        <caption>Criteria, as CBP states them</caption>
        <thead>
          <tr>
            <th scope="col">result</th>
            <th scope="col">measured</th>
            <th scope="col">source</th>
          </tr>
        </thead>
        <tbody>
          {program.verdict.criteria.map((c) => (
            <tr class={c.status.replace(' ', '-')}>
              <td>{c.status}</td>
              <td>{c.measured}</td>
              <td class="muted">{c.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="cert-days">
        <caption>Volume and errors per business day</caption>
        <thead>
          <tr>
            <th scope="col">day</th>
            <th scope="col">transactions</th>
            <th scope="col">accepted</th>
            <th scope="col">rejected</th>
            <th scope="col">batches refused</th>
            <th scope="col">error rate</th>
          </tr>
        </thead>
        <tbody>
          {program.days.map((d) => (
            <tr>
              <td>{d.day}</td>
              <td>{d.transactions}</td>
              <td>{d.accepted}</td>
              <td>{d.rejected}</td>
              <td>{d.batchRejections}</td>
              <td>{percent(d.errorRate)}</td>
            </tr>
          ))}
          <tr class="total">
            <th scope="row">total</th>
            <td>{program.total.transactions}</td>
            <td>{program.total.accepted}</td>
            <td>{program.total.rejected}</td>
            <td>{program.total.batchRejections}</td>
            <td>{percent(program.total.errorRate)}</td>
          </tr>
        </tbody>
      </table>
      <h4>Repetitive errors</h4>
      {repetitive.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <table class="cert-repeated">
          <thead>
            <tr>
              <th scope="col">condition</th>
              <th scope="col">field</th>
              <th scope="col">transactions</th>
              <th scope="col">days</th>
              <th scope="col">first seen</th>
              <th scope="col">last seen</th>
              <th scope="col">entries</th>
            </tr>
          </thead>
          <tbody>
            {repetitive.map((r) => (
              <tr>
                <td>
                  <a href={`#/exchange/${r.firstSeen.exchangeId}`}>{r.code}</a> {r.narrative}
                  {r.resolved && <span class="muted"> (corrected since)</span>}
                </td>
                <td>{r.field}</td>
                <td>{r.transactions}</td>
                <td>{r.days.length}</td>
                <td>{r.firstSeen.at.slice(0, 16).replace('T', ' ')}</td>
                <td>
                  <a href={`#/exchange/${r.lastSeen.exchangeId}`}>{r.lastSeen.at.slice(0, 16).replace('T', ' ')}</a>
                </td>
                <td>{r.entries.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {program.conditions.length > 0 && (
        <>
          <h4>Conditions, most frequent first</h4>
          <ol class="cert-conditions">
            {program.conditions.map((c) => (
              <li>
                <code>{c.code}</code> {c.narrative} <span class="muted">× {c.transactions}{c.severity === 'fatal' ? '' : `, ${c.severity}`}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** The certification rehearsal report: would CBP certify this filer, and what a plan still lacks. Printable. */
export function Certification(props: CertificationProps) {
  const [plans, setPlans] = useState<readonly PlanSummary[]>([]);
  const [programs, setPrograms] = useState<readonly { id: string; title: string }[]>([]);
  const [report, setReport] = useState<CertificationReport>();
  const [error, setError] = useState<string>();
  const query = props.params.toString();

  useEffect(() => {
    getJson<{ plans: PlanSummary[] }>('/v1/certification/plans').then((p) => setPlans(p.plans), () => setPlans([]));
    getJson<{ programs: { id: string; title: string }[] }>('/v1/certification/criteria').then((c) => setPrograms(c.programs), () => setPrograms([]));
  }, []);
  useEffect(() => {
    setError(undefined);
    getJson<CertificationReport>(`/v1/certification/report?${query}`).then(setReport, (err: unknown) => {
      setReport(undefined);
      setError(problemText(err));
    });
  }, [query]);

  const submit = (event: Event): void => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const next = new URLSearchParams();
    for (const name of FIELDS) {
      const value = String(form.get(name) ?? '').trim();
      if (value !== '') next.set(name, value);
    }
    navigate(`#/certification?${next}`);
  };
  const value = (name: (typeof FIELDS)[number]): string => props.params.get(name) ?? '';

  return (
    <section class="certification" aria-labelledby="certification-title">
      <header class="view-head">
        <h2 id="certification-title">Certification rehearsal</h2>
        <span class="muted">judged against CBP's criteria for ABI certification, from this mock's journal</span>
        <button type="button" class="no-print" onClick={() => window.print()}>
          Print
        </button>
      </header>
      {/* Uncontrolled fields, reset from the address whenever it changes (key). */}
      <form class="cert-form no-print" onSubmit={submit} key={query}>
        <label>
          Filer <input name="filer" defaultValue={value('filer')} size={4} placeholder="B76" />
        </label>
        <label>
          Program{' '}
          <select name="application" defaultValue={value('application')}>
            <option value="">all</option>
            {programs.map((p) => (
              <option value={p.id}>{p.title}</option>
            ))}
          </select>
        </label>
        <label>
          Plan{' '}
          <select name="plan" defaultValue={value('plan')}>
            <option value="">none</option>
            {plans.map((p) => (
              <option value={p.id}>{p.title}</option>
            ))}
          </select>
        </label>
        <label>
          From <input name="from" type="date" defaultValue={value('from')} />
        </label>
        <label>
          To <input name="to" type="date" defaultValue={value('to')} />
        </label>
        <label>
          Last <input name="days" type="number" min={1} defaultValue={value('days')} size={3} /> days
        </label>
        <label>
          Port <input name="port" defaultValue={value('port')} size={4} placeholder="2704" />
        </label>
        <label>
          Session <input name="session" defaultValue={value('session')} size={8} />
        </label>
        <label>
          Monthly volume <input name="monthlyVolume" type="number" min={1} defaultValue={value('monthlyVolume')} size={6} />
        </label>
        <button type="submit">Report</button>
      </form>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <article class="cert-report" aria-live="polite">
          <p class={report.wouldPass ? 'cert-verdict pass' : 'cert-verdict fail'}>
            {report.filer ? `Filer ${report.filer}` : 'No filer'}
            {report.period ? `, ${report.period.from} to ${report.period.to}` : ''}: {report.wouldPass ? 'would pass' : 'would not pass'}
          </p>
          <ul class="cert-lines">
            {report.summary.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
          {report.programs.map((p) => (
            <Program program={p} />
          ))}
          {report.batchRejectionsLeftOut > 0 && <p class="muted">{report.batchRejectionsLeftOut} batch(es) refused whole are left out: they name no port.</p>}
          {report.otherApplications.length > 0 && (
            <p class="muted">
              Not judged (CBP states no criteria): {report.otherApplications.map((o) => `${o.application} ${o.transactions} transactions, ${o.rejected} rejected`).join('; ')}
            </p>
          )}
          {report.plan && (
            <section class="cert-plan" aria-labelledby="plan-title">
              <h3 id="plan-title">
                {report.plan.title}: {report.plan.done} of {report.plan.of} shown
              </h3>
              <ul class="checklist">
                {report.plan.items.map((i) => (
                  <li class={i.done ? 'done' : 'todo'}>
                    <span aria-hidden="true">{i.done ? '✓' : '○'}</span> {i.title}
                    {i.first && (
                      <>
                        {' '}
                        <a href={`#/exchange/${i.first.exchangeId}`} class="muted">
                          first {i.first.at.slice(0, 16).replace('T', ' ')}
                        </a>
                      </>
                    )}
                  </li>
                ))}
              </ul>
              <p class="muted">Source: {report.plan.source}</p>
            </section>
          )}
          <p class="muted cert-generated">Generated {report.generatedAt.slice(0, 19).replace('T', ' ')} UTC by ace-mock, with the thresholds of its criteria file (GET /v1/certification/criteria).</p>
        </article>
      )}
    </section>
  );
}
