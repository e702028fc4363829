import { useEffect, useMemo, useState } from 'preact/hooks';
import { type DecodedRecord, entryLabel, type ExchangeDetail, getJson } from './api';
import { clockTime, OUTCOME_LABEL, TAG_LABEL } from './format';
import { type Mark, RecordGrid } from './record-grid';
import { entryHash, navigate } from './route';
import { BackToTimeline } from './back-link';
import { useDictionaryExplanations } from './explanations';
import { answerRecordsAbout, StepBar, useStep } from './presenter-steps';

/** A condition of the exchange, flattened from its transactions and batch conditions. */
interface PointedCondition {
  readonly key: string;
  readonly code: string;
  readonly severity: string;
  readonly narrative: string;
  readonly where: string;
  readonly position?: number;
  readonly field?: string;
  readonly column?: number;
  /** The dictionary's explanation: what the condition means and what to fix. */
  readonly explanation?: string;
  /** Why ace-mock raised it here (the expected check digit, the code list…), when the check knew. */
  readonly why?: string;
}

const SEVERITY: Record<string, string> = { F: 'fatal', W: 'warning', P: 'PGA', I: 'information' };

function conditionsOf(exchange: ExchangeDetail): PointedCondition[] {
  const out: PointedCondition[] = [];
  (exchange.detail.batchConditions ?? []).forEach((c, i) =>
    out.push({
      key: `b${i}`,
      code: c.code,
      severity: 'F',
      narrative: c.narrative,
      where: c.position !== undefined ? `record ${c.position}${c.column ? `, column ${c.column}` : ''}` : `block ${c.block}`,
      ...(c.position !== undefined && { position: c.position }),
      ...(c.column !== undefined && c.column > 0 && { column: c.column }),
      ...(c.explanation !== undefined && { explanation: c.explanation }),
      ...(c.why !== undefined && { why: c.why }),
    }),
  );
  (exchange.detail.transactions ?? []).forEach((t, ti) =>
    t.conditions.forEach((c, ci) =>
      out.push({
        key: `t${ti}c${ci}`,
        code: c.code,
        severity: c.severity,
        narrative: c.narrative,
        where: `${entryLabel(t.filer, t.entryNumber)} ${c.reference}${c.position !== undefined ? `, record ${c.position}` : ''}${c.field ? `, ${c.field}` : ''}`,
        ...(c.position !== undefined && { position: c.position }),
        ...(c.field !== undefined && { field: c.field }),
        ...(c.explanation !== undefined && { explanation: c.explanation }),
        ...(c.why !== undefined && { why: c.why }),
      }),
    ),
  );
  return out;
}

/** Where a condition points on its input record: its field, the field holding its column, or the whole record. */
function markOf(condition: PointedCondition, record: DecodedRecord | undefined): Mark {
  const label = `${condition.code} ${condition.narrative}`;
  const whole = { start: 1, length: 80, condition: condition.key, label };
  if (!record) return whole;
  const field =
    condition.field !== undefined
      ? record.fields.find((f) => f.name === condition.field)
      : condition.column !== undefined
        ? record.fields.find((f) => f.start <= (condition.column as number) && (condition.column as number) < f.start + f.length)
        : undefined;
  if (field) return { start: field.start, length: field.length, condition: condition.key, label };
  if (condition.column !== undefined) return { start: condition.column, length: 1, condition: condition.key, label };
  return whole;
}

/** The answering application, as the answer's B record names it (the dictionary's meaning of a code depends on it). */
const answeringApplication = (exchange: ExchangeDetail | undefined): string =>
  exchange?.decoded.output.find((r) => r.layout?.startsWith('B'))?.fields.find((f) => f.name === 'applicationId')?.value.trim() ?? '';

/** One condition as the console teaches it: code, narrative, where, the dictionary's explanation and the specific why. */
function ConditionText(props: { readonly condition: PointedCondition; readonly explanation: string | undefined }) {
  const c = props.condition;
  return (
    <>
      <span class="code">{c.code}</span> <span class="narrative">{c.narrative}</span>
      <span class="muted">
        {' '}
        {SEVERITY[c.severity] ?? c.severity} · {c.where}
      </span>
      {c.why !== undefined && <span class="specific">Here: {c.why}</span>}
      {props.explanation !== undefined && <span class="explanation">{props.explanation}</span>}
    </>
  );
}

export function ExchangeView(props: { readonly id: string; readonly presenter?: boolean }) {
  const [exchange, setExchange] = useState<ExchangeDetail>();
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState<string>();
  useEffect(() => {
    setExchange(undefined);
    setError(undefined);
    getJson<ExchangeDetail>(`/v1/transmissions/${encodeURIComponent(props.id)}`).then(setExchange, (err: Error) => setError(err.message));
  }, [props.id]);
  const conditions = useMemo(() => (exchange ? conditionsOf(exchange) : []), [exchange]);
  const looked = useDictionaryExplanations(
    conditions.filter((c) => c.explanation === undefined),
    answeringApplication(exchange),
  );
  const explanationOf = (c: PointedCondition): string | undefined => c.explanation ?? looked.get(c.code);
  const presenting = props.presenter === true;
  const [step, goTo] = useStep(exchange?.decoded.input.length ?? 0, presenting && exchange !== undefined);
  useEffect(() => {
    // Open on the first condition that points into the input: that is the question people come with.
    setSelected(conditions.find((c) => c.position !== undefined && c.severity === 'F')?.key ?? conditions.find((c) => c.position !== undefined)?.key);
  }, [conditions]);

  const stepRecord = exchange?.decoded.input[step];
  useEffect(() => {
    if (!presenting || !stepRecord) return;
    const about = conditions.find((c) => c.position === stepRecord.position);
    setSelected(about?.key);
    document.getElementById(`in-${stepRecord.position}`)?.scrollIntoView({ block: 'nearest' });
  }, [presenting, stepRecord, conditions]);

  if (error) return <p class="error" role="alert">{error}</p>;
  if (!exchange) return <p class="muted">Loading exchange {props.id}…</p>;

  const inputByPosition = new Map(exchange.decoded.input.map((r) => [r.position, r]));
  const marksByPosition = new Map<number, Mark[]>();
  for (const c of conditions) {
    if (c.position === undefined) continue;
    const marks = marksByPosition.get(c.position) ?? [];
    marks.push(markOf(c, inputByPosition.get(c.position)));
    marksByPosition.set(c.position, marks);
  }
  const stated = (record: DecodedRecord): string | undefined => {
    // The records that state a condition: E1 (AX, UC), X1 (batch), SE90 (SX, SE-83), WR0/WSA/WSB (C1, ACMQ-21..23), JZ (ER, ESQ-50).
    if (record.layout === undefined || !/^(E1|X1|SX\.SE90|WR0|WSA|WSB|JZ)/.test(record.layout)) return undefined;
    const values = new Set(record.fields.map((f) => f.value.trim()));
    return conditions.find((c) => values.has(c.code))?.key;
  };
  const select = (key: string): void => {
    setSelected(key);
    const condition = conditions.find((c) => c.key === key);
    if (condition?.position !== undefined) document.getElementById(`in-${condition.position}`)?.scrollIntoView({ block: 'nearest' });
  };
  const transactions = exchange.detail.transactions ?? [];
  const positionStated = (record: DecodedRecord): number | undefined => conditions.find((c) => c.key === stated(record))?.position;
  const stepAnswers = presenting && stepRecord ? answerRecordsAbout(exchange.decoded.input, exchange.decoded.output, stepRecord, positionStated) : new Set<number>();
  const stepConditions = stepRecord ? conditions.filter((c) => c.position === stepRecord.position) : [];

  return (
    <article class="exchange-view" aria-labelledby="exchange-title">
      <header class="view-head">
        <BackToTimeline />
        <h2 id="exchange-title">
          {exchange.application || 'Exchange'} from {exchange.filer || '—'}
        </h2>
        <span class={`badge ${exchange.outcome}`}>{OUTCOME_LABEL[exchange.outcome]}</span>
        {exchange.tags.map((t) => (
          <span class={`badge tag-${t}`}>{TAG_LABEL[t]}</span>
        ))}
        <span class="muted">
          {exchange.transport.toUpperCase()} · session {exchange.session} · {clockTime(exchange.receivedAt)} · {exchange.durationMs.toFixed(1)} ms
        </span>
        <button type="button" onClick={() => navigate(`#/compose?from=${exchange.id}`)}>
          Edit in Compose
        </button>
      </header>

      {exchange.detail.problem && (
        <p class="error">
          {exchange.detail.problem.title}: {exchange.detail.problem.detail}
        </p>
      )}

      {presenting && stepRecord && (
        <section class="step" aria-label="This record">
          <StepBar step={step} count={exchange.decoded.input.length} label={`${stepRecord.layout ?? '?'} ${stepRecord.title ?? 'no layout matches this record'}`} onStep={goTo} />
          {stepConditions.length === 0 ? (
            <p class="muted step-none">No condition points at this record.</p>
          ) : (
            <ul class="step-conditions">
              {stepConditions.map((c) => (
                <li class={`condition severity-${c.severity}`} data-code={c.code}>
                  <ConditionText condition={c} explanation={explanationOf(c)} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {!presenting && transactions.length > 0 && (
        <table class="transactions">
          <caption>Transactions</caption>
          <thead>
            <tr>
              <th scope="col">entry</th>
              <th scope="col">action</th>
              <th scope="col">answer</th>
              <th scope="col">decided by</th>
            </tr>
          </thead>
          <tbody>
            {transactions.map((t) => (
              <tr>
                <td>
                  <a href={entryHash({ session: exchange.session, filer: t.filer, entryNumber: t.entryNumber })} title="The entry's stage, dates and history">
                    {entryLabel(t.filer, t.entryNumber)}
                  </a>
                </td>
                <td>
                  {t.action}
                  {t.psc ? ' (PSC)' : ''}
                </td>
                <td>
                  <span class={`badge ${t.outcome}`}>{t.outcome}</span> {t.disposition}
                  {t.version ? ` · version ${t.version}` : ''}
                </td>
                <td>{t.scenario ? `scenario ${t.scenario}${t.step !== undefined ? `, step ${t.step}` : ''}: ${t.reason}` : t.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {!presenting && conditions.length > 0 && (
        <section class="conditions" aria-labelledby="conditions-title">
          <h3 id="conditions-title">Conditions</h3>
          <ul>
            {conditions.map((c) => (
              <li>
                <button
                  type="button"
                  class={`condition severity-${c.severity}${c.key === selected ? ' selected' : ''}`}
                  aria-pressed={c.key === selected}
                  data-code={c.code}
                  onClick={() => select(c.key)}
                >
                  <ConditionText condition={c} explanation={explanationOf(c)} />
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div class="side-by-side">
        <RecordGrid
          caption="Input"
          idPrefix="in"
          records={exchange.decoded.input}
          marks={(p) => marksByPosition.get(p) ?? []}
          {...(selected !== undefined && { selected })}
          onSelect={select}
          {...(presenting && { current: (p: number) => p === stepRecord?.position })}
        />
        <RecordGrid
          caption="Answer"
          idPrefix="out"
          records={exchange.decoded.output}
          states={stated}
          {...(selected !== undefined && { selected })}
          onSelect={select}
          {...(presenting && { current: (p: number) => stepAnswers.has(p) })}
        />
      </div>

      {!presenting && (exchange.followUps ?? []).length > 0 && (
        <section class="follow-ups" aria-labelledby="follow-ups-title">
          <h3 id="follow-ups-title">Follow-up messages</h3>
          {(exchange.followUps ?? []).map((m) => (
            <div class="follow-up">
              <p>
                {m.summary} · due {clockTime(m.deliverAt)}
              </p>
              <RecordGrid caption={`Message ${m.seq}`} idPrefix={`uc${m.seq}`} records={m.decoded} />
            </div>
          ))}
        </section>
      )}
    </article>
  );
}
