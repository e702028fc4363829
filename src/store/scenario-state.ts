import type { Db } from './database.js';

export type ArmScope = 'session' | 'filer' | 'entry';

export interface Armed {
  readonly id: number;
  readonly session: string;
  readonly scope: ArmScope;
  readonly scopeValue: string;
  readonly scenario: string;
  readonly remaining: number;
  readonly armedAt: string;
}

interface ArmedRow {
  id: number;
  session: string;
  scope: ArmScope;
  scope_value: string;
  scenario: string;
  remaining: number;
  armed_at: string;
}

const fromRow = (r: ArmedRow): Armed => ({
  id: r.id,
  session: r.session,
  scope: r.scope,
  scopeValue: r.scope_value,
  scenario: r.scenario,
  remaining: r.remaining,
  armedAt: r.armed_at,
});

/**
 * Per-session scenario state in SQLite: how far each entry has gone through a multi-step scenario,
 * and the outcomes armed for the next transmissions. Read and changed inside the exchange's
 * transaction, so concurrent transmissions see each other's steps in order.
 */
export class ScenarioState {
  private readonly progressGet;
  private readonly progressBump;
  private readonly armInsert;
  private readonly armedFor;
  private readonly armedDecrement;
  private readonly armedDelete;
  private readonly armedList;
  private readonly resetStatements;
  /**
   * How many live armings each session has, so the common case (nothing armed) costs no query on
   * the per-transaction path. This process is the database's only writer, so the count stays true.
   */
  private readonly liveArmings = new Map<string, number>();

  constructor(private readonly db: Db) {
    this.progressGet = db.prepare<[string, string, string, string], { count: number }>(
      'SELECT count FROM scenario_progress WHERE session = ? AND scenario = ? AND filer = ? AND entry_number = ?',
    );
    this.progressBump = db.prepare(
      `INSERT INTO scenario_progress (session, scenario, filer, entry_number, count) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (session, scenario, filer, entry_number) DO UPDATE SET count = count + 1`,
    );
    this.armInsert = db.prepare('INSERT INTO armed (session, scope, scope_value, scenario, remaining, armed_at) VALUES (?, ?, ?, ?, ?, ?)');
    // Most specific first: an entry beats a filer beats the whole session; then the oldest.
    this.armedFor = db.prepare<[string, string, string], ArmedRow>(
      `SELECT * FROM armed WHERE session = ? AND remaining > 0 AND (scope = 'session' OR (scope = 'filer' AND scope_value = ?) OR (scope = 'entry' AND scope_value = ?))
       ORDER BY CASE scope WHEN 'entry' THEN 0 WHEN 'filer' THEN 1 ELSE 2 END, id`,
    );
    this.armedDecrement = db.prepare('UPDATE armed SET remaining = remaining - 1 WHERE id = ?');
    this.armedDelete = db.prepare('DELETE FROM armed WHERE id = ? AND remaining <= 0');
    this.armedList = db.prepare<[string], ArmedRow>('SELECT * FROM armed WHERE session = ? AND remaining > 0 ORDER BY id');
    this.resetStatements = ['entries', 'entry_history', 'scenario_progress', 'armed', 'outbox', 'schedule'].map((t) =>
      db.prepare(`DELETE FROM ${t} WHERE session = ?`),
    );
    const live = db.prepare<[], { session: string; n: number }>('SELECT session, count(*) AS n FROM armed WHERE remaining > 0 GROUP BY session');
    for (const { session, n } of live.all()) this.liveArmings.set(session, n);
  }

  /** How many transmissions of this entry the scenario has answered so far in the session. */
  progress(session: string, scenario: string, filer: string, entryNumber: string): number {
    return this.progressGet.get(session, scenario, filer, entryNumber)?.count ?? 0;
  }

  advance(session: string, scenario: string, filer: string, entryNumber: string): void {
    this.progressBump.run(session, scenario, filer, entryNumber);
  }

  arm(session: string, scope: ArmScope, scopeValue: string, scenario: string, count: number, at: string): Armed {
    const { lastInsertRowid } = this.armInsert.run(session, scope, scopeValue, scenario, count, at);
    this.liveArmings.set(session, (this.liveArmings.get(session) ?? 0) + 1);
    return { id: Number(lastInsertRowid), session, scope, scopeValue, scenario, remaining: count, armedAt: at };
  }

  /**
   * Takes one use of the most specific outcome armed for this transaction, if any, among those whose
   * scenario `applies` (a scenario answers transactions of its own application only).
   */
  take(session: string, filer: string, entryKey: string, applies: (scenario: string) => boolean): Armed | undefined {
    const live = this.liveArmings.get(session) ?? 0;
    if (live === 0) return undefined;
    const row = this.armedFor.all(session, filer, entryKey).find((r) => applies(r.scenario));
    if (!row) return undefined;
    this.armedDecrement.run(row.id);
    this.armedDelete.run(row.id);
    if (row.remaining <= 1) this.liveArmings.set(session, live - 1);
    return fromRow({ ...row, remaining: row.remaining - 1 });
  }

  armed(session: string): Armed[] {
    return this.armedList.all(session).map(fromRow);
  }

  /** Forgets everything the session did: entries, their history, scenario progress, armed outcomes, undelivered messages. */
  reset(session: string): void {
    this.db.transaction(() => {
      for (const statement of this.resetStatements) statement.run(session);
    })();
    this.liveArmings.delete(session);
  }
}
