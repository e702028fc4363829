import { useState } from 'preact/hooks';
import type { DecodedField, DecodedRecord } from './api';
import { RULER_TENS, RULER_UNITS } from './format';

/** A span of a record to highlight because a condition points at it. */
export interface Mark {
  /** 1-based first column and length; a whole record when length is 80 from column 1. */
  readonly start: number;
  readonly length: number;
  readonly condition: string;
  readonly label: string;
}

export interface RecordGridProps {
  readonly caption: string;
  readonly records: readonly DecodedRecord[];
  readonly marks?: (position: number) => readonly Mark[];
  /** The condition an output record states (an E1, X1 or SE90), to link it back to the input. */
  readonly states?: (record: DecodedRecord) => string | undefined;
  readonly selected?: string;
  readonly onSelect?: (condition: string) => void;
  readonly idPrefix: string;
  /** Records of the presenter's current step (the input record, or the answer records about it). */
  readonly current?: (position: number) => boolean;
}

interface Segment {
  readonly from: number;
  readonly to: number;
  readonly field?: DecodedField;
  readonly fieldIndex: number;
  readonly marks: readonly Mark[];
}

/** Cuts a record at every field and mark boundary, so each piece has one field and one set of marks. */
function segments(fields: readonly DecodedField[], marks: readonly Mark[]): Segment[] {
  const cuts = new Set([0, 80]);
  for (const f of fields) cuts.add(f.start - 1).add(f.start - 1 + f.length);
  for (const m of marks) cuts.add(m.start - 1).add(Math.min(80, m.start - 1 + m.length));
  const sorted = [...cuts].filter((c) => c >= 0 && c <= 80).sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    const from = sorted[i] as number;
    const to = sorted[i + 1] as number;
    const fieldIndex = fields.findIndex((f) => from >= f.start - 1 && from < f.start - 1 + f.length);
    out.push({
      from,
      to,
      fieldIndex,
      ...(fieldIndex >= 0 && { field: fields[fieldIndex] }),
      marks: marks.filter((m) => from >= m.start - 1 && from < m.start - 1 + m.length),
    });
  }
  return out;
}

const fieldLabel = (f: DecodedField): string =>
  `${f.name}${f.title ? ` — ${f.title}` : ''}, columns ${f.start}-${f.start + f.length - 1}${f.meaning ? `: ${f.meaning}` : ''}`;

function RecordLine(props: {
  readonly record: DecodedRecord;
  readonly marks: readonly Mark[];
  readonly states?: string;
  readonly selected?: string;
  readonly onSelect?: (condition: string) => void;
  readonly id: string;
  readonly current: boolean;
}) {
  const { record, selected } = props;
  const [open, setOpen] = useState(false);
  const text = record.record.padEnd(80);
  const linked = props.states !== undefined;
  // A condition about the whole record marks the line, not each of its fields.
  const whole = props.marks.filter((m) => m.start === 1 && m.length >= 80);
  const marks = props.marks.filter((m) => !whole.includes(m));
  const wholeSelected = whole.some((m) => m.condition === selected);
  const classes = [
    'record',
    whole.length > 0 && 'record-marked',
    linked && 'states',
    ((linked && props.states === selected) || wholeSelected) && 'selected',
    props.current && 'current',
  ]
    .filter(Boolean)
    .join(' ');
  const markedFields = new Set(marks.flatMap((m) => record.fields.filter((f) => f.start <= m.start && m.start < f.start + f.length).map((f) => f.name)));
  return (
    <li class={classes} id={props.id} data-position={record.position} data-layout={record.layout ?? ''} aria-current={props.current ? 'step' : undefined}>
      <div class="record-row">
        <button
          type="button"
          class="record-toggle"
          aria-expanded={open}
          aria-controls={`${props.id}-fields`}
          title={[record.title ? `${record.layout} ${record.title}` : 'no layout matches this record', ...whole.map((m) => m.label)].join('\n')}
          onClick={() => setOpen(!open)}
        >
          {String(record.position).padStart(3, '0')}
        </button>
        <code class="record-text">
          {segments(record.fields, marks).map((s) => {
            const marked = s.marks.length > 0;
            const isSelected = s.marks.some((m) => m.condition === selected);
            const cls = [
              s.field ? `field f${s.fieldIndex % 2}` : 'filler',
              marked && 'offending',
              isSelected && 'selected',
            ].filter(Boolean).join(' ');
            const title = [s.field && fieldLabel(s.field), ...s.marks.map((m) => m.label)].filter(Boolean).join('\n');
            return (
              <span
                class={cls}
                title={title || undefined}
                data-field={s.field?.name}
                onClick={marked && props.onSelect ? () => props.onSelect?.(s.marks[0]?.condition as string) : undefined}
              >
                {text.slice(s.from, s.to)}
              </span>
            );
          })}
        </code>
        {linked && props.onSelect && (
          <button type="button" class="link-condition" title="Show where this condition points" onClick={() => props.onSelect?.(props.states as string)}>
            ↔
          </button>
        )}
      </div>
      {open && (
        <table class="fields" id={`${props.id}-fields`}>
          <caption>
            {record.layout ?? '?'} {record.title ?? 'no layout matches this record'}
          </caption>
          <thead>
            <tr>
              <th scope="col">field</th>
              <th scope="col">columns</th>
              <th scope="col">value</th>
              <th scope="col">meaning</th>
            </tr>
          </thead>
          <tbody>
            {record.fields.map((f) => (
              <tr class={markedFields.has(f.name) ? 'offending' : undefined} data-field={f.name}>
                <th scope="row">
                  {f.name}
                  {f.title && <span class="field-title">{f.title}</span>}
                </th>
                <td class="num">
                  {f.start}-{f.start + f.length - 1}
                </td>
                <td>
                  <code class="value">{f.value}</code>
                </td>
                <td>{f.meaning ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}

/** Records in a monospace 80-column grid under a column ruler; each expands into its named fields. */
export function RecordGrid(props: RecordGridProps) {
  return (
    <section class="grid" aria-label={props.caption}>
      <h3>{props.caption}</h3>
      <div class="grid-scroll">
        <div class="ruler" aria-hidden="true">
          <span class="gutter" />
          <code class="record-text">{`${RULER_TENS}\n${RULER_UNITS}`}</code>
        </div>
        <ol class="records">
          {props.records.map((r) => {
            const states = props.states?.(r);
            return (
              <RecordLine
                key={`${r.position}`}
                record={r}
                marks={props.marks?.(r.position) ?? []}
                {...(states !== undefined && { states })}
                {...(props.selected !== undefined && { selected: props.selected })}
                {...(props.onSelect && { onSelect: props.onSelect })}
                id={`${props.idPrefix}-${r.position}`}
                current={props.current?.(r.position) ?? false}
              />
            );
          })}
        </ol>
      </div>
    </section>
  );
}
