import { useEffect, useState } from 'preact/hooks';
import type { DecodedRecord } from './api';

/** Keys that step through an exchange: arrows, and PageUp/PageDown as presentation clickers send them. */
const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp']);

/** The step (0-based input record) the presenter is at, moved by the keys above, Home and End. */
export function useStep(count: number, enabled: boolean): [number, (step: number) => void] {
  const [step, setStep] = useState(0);
  const go = (to: number): void => setStep(Math.max(0, Math.min(count - 1, to)));
  useEffect(() => setStep(0), [count]);
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      if (event.target instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(event.target.tagName)) return;
      if (NEXT.has(event.key)) setStep((s) => Math.min(count - 1, s + 1));
      else if (PREVIOUS.has(event.key)) setStep((s) => Math.max(0, s - 1));
      else if (event.key === 'Home') setStep(0);
      else if (event.key === 'End') setStep(count - 1);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count, enabled]);
  return [step, go];
}

/**
 * The answer records about an input record: those stating a condition that points at it, and for the
 * envelope (A, B, Y, Z) the answer's own record of the same kind and occurrence.
 */
export function answerRecordsAbout(input: readonly DecodedRecord[], output: readonly DecodedRecord[], at: DecodedRecord, stating: (record: DecodedRecord) => number | undefined): Set<number> {
  const about = new Set(output.filter((r) => stating(r) === at.position).map((r) => r.position));
  const kind = at.record[0] ?? '';
  if ('ABYZ'.includes(kind) && kind !== '') {
    const occurrence = input.filter((r) => r.position <= at.position && r.record[0] === kind).length;
    const echo = output.filter((r) => r.record[0] === kind)[occurrence - 1];
    if (echo) about.add(echo.position);
  }
  return about;
}

export function StepBar(props: { readonly step: number; readonly count: number; readonly label: string; readonly onStep: (step: number) => void }) {
  return (
    <div class="step-bar" role="group" aria-label="Step through the input records">
      <button type="button" onClick={() => props.onStep(props.step - 1)} disabled={props.step === 0} title="Previous record (← or PageUp)">
        ◀ Previous
      </button>
      <span class="step-where" aria-live="polite">
        Record {props.step + 1} of {props.count} · {props.label}
      </span>
      <button type="button" onClick={() => props.onStep(props.step + 1)} disabled={props.step >= props.count - 1} title="Next record (→ or PageDown)">
        Next ▶
      </button>
    </div>
  );
}
