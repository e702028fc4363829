import { useEffect, useState } from 'preact/hooks';
import { getJson } from './api';

interface DictionaryEntry {
  readonly code: string;
  readonly application?: string;
  readonly narrative: string | null;
  readonly explanation: string | null;
}

/** A condition as journaled: its code and the narrative it was answered with. */
export interface Said {
  readonly code: string;
  readonly narrative: string;
}

/**
 * The error dictionary's explanation of conditions journaled without one (exchanges journaled before
 * explanations were stored), from `GET /v1/dictionary?q=`: the entry of the answering application,
 * else the common one, and only when its narrative is the one answered (a scenario's own narrative
 * is another meaning, as the pipeline holds). Keyed by code.
 */
export function useDictionaryExplanations(missing: readonly Said[], application: string): ReadonlyMap<string, string> {
  const [found, setFound] = useState<ReadonlyMap<string, string>>(new Map());
  const key = [...new Set(missing.map((c) => `${c.code}\t${c.narrative}`))].sort().join('\n');
  useEffect(() => {
    if (key === '') return;
    const wanted = key.split('\n').map((line) => line.split('\t') as [string, string]);
    Promise.all(
      wanted.map(([code, narrative]) =>
        getJson<{ conditions: DictionaryEntry[] }>(`/v1/dictionary?q=${encodeURIComponent(code)}`).then(
          ({ conditions }) => {
            const same = conditions.filter((c) => c.code === code);
            const entry = same.find((c) => c.application === application) ?? same.find((c) => c.application === undefined);
            return entry?.explanation && entry.narrative === narrative ? ([code, entry.explanation] as const) : undefined;
          },
          () => undefined,
        ),
      ),
    ).then((pairs) => setFound(new Map(pairs.filter((p) => p !== undefined))));
  }, [key, application]);
  return found;
}
