import type { Catalog } from '../../catair/catalog.js';
import type { TransactionGrammar } from '../../catair/grammar.js';
import type { Severity } from '../../catair/dictionary.js';
import { writeRecord } from '../../catair/record.js';
import type { ConditionReport } from '../application.js';
import { value } from '../shared/record.js';
import { type Pointer, PointerWriter } from './pointers.js';
import type { EntrySummaryTx, EsCondition } from './transaction.js';

/** The final disposition of one entry summary. */
export interface Disposition {
  readonly code: string;
  readonly accepted: boolean;
  /** Version number on accepted adds and replaces. */
  readonly version?: number;
}

/** Where a condition sorts: by the input record it is about, so the answer reads in input order. */
function inputOrder(c: EsCondition, tx: EntrySummaryTx): number {
  if (c.record) return c.record.position;
  switch (c.ref.kind) {
    case 'summary':
      return tx.header.position;
    case 'line':
      return c.ref.line.record.position;
    case 'tariff':
      return c.ref.tariff.record.position;
    case 'totals':
      return Number.MAX_SAFE_INTEGER;
  }
}

/**
 * Severity on the final E1 (ESF-205 note 2, ESF-206 note 3): F when rejected; when accepted, P if
 * a PGA warning was found, else W for a Census warning, else I for an informational notice, else
 * blank.
 */
function finalSeverity(severities: readonly Severity[], accepted: boolean): string {
  if (!accepted) return 'F';
  if (severities.includes('P')) return 'P';
  if (severities.includes('W')) return 'W';
  if (severities.includes('I')) return 'I';
  return '';
}

/** What the answer echoes in place of the transmitted values. */
export interface Echo {
  /** The broker reference on file, written instead of the transmitted one (ESF-206 note 4, on B35). */
  readonly brokerReference?: string;
}


/**
 * E0 and E1 records for one transaction, in CBP's order (ESF-193..206): E0 SUMMRY first, then each
 * condition in input order, after the E0 pointers of the groupings it was found in (not repeated
 * for the next condition in the same grouping), and the final disposition E1 last.
 */
export class EntrySummaryWriter {
  private readonly pointers: PointerWriter;

  constructor(
    private readonly catalog: Catalog,
    grammar: TransactionGrammar,
  ) {
    this.pointers = new PointerWriter(catalog, grammar);
  }

  write(
    tx: EntrySummaryTx,
    conditions: readonly EsCondition[],
    disposition: Disposition,
    echo: Echo = {},
  ): { records: string[]; reports: ConditionReport[] } {
    const { catalog } = this;
    const filer = value(tx.header, 'entryFiler');
    const entryNumber = value(tx.header, 'entryNumber');
    // E0 pointers name the transaction as transmitted (10 record); E1 records may echo the
    // reference on file instead (ESF-206 note 4 is a note of the E1 record only).
    const trailerFields = { entryFiler: filer, entryNumber, brokerReference: value(tx.header, 'brokerReference') };
    const e1Fields = { ...trailerFields, ...(echo.brokerReference !== undefined && { brokerReference: echo.brokerReference }) };
    const records = [
      writeRecord(catalog.layout('E0.SUMMRY'), { occurrence: tx.ordinal, ...trailerFields }),
    ];
    const reports: ConditionReport[] = [];
    const sorted = conditions
      .map((c, i) => ({ c, i, at: inputOrder(c, tx) }))
      .sort((a, b) => a.at - b.at || a.i - b.i)
      .map(({ c }) => c);
    let written: readonly Pointer[] = [];
    for (const c of sorted) {
      const chain = this.pointers.pointersOf(c, tx);
      let shared = 0;
      while (shared < chain.length && shared < written.length && chain[shared]?.key === written[shared]?.key) shared++;
      for (const pointer of chain.slice(shared)) records.push(pointer.record);
      written = chain;
      const label = chain.length === 0 ? 'SUMMRY' : chain.map((p) => p.label).join(' ');
      const known = catalog.dictionary.has(c.code) ? catalog.dictionary.get(c.code) : undefined;
      const entry = { code: c.code, severity: c.severity ?? known?.severity ?? 'F', narrative: c.narrative ?? known?.narrative ?? '' };
      records.push(
        writeRecord(catalog.layout('E1'), {
          severity: entry.severity,
          condition: entry.code,
          narrative: entry.narrative,
          ...e1Fields,
        }),
      );
      reports.push({
        code: entry.code,
        severity: entry.severity,
        narrative: entry.narrative,
        reference: label,
        ...(c.record && { position: c.record.position }),
        ...(c.field !== undefined && { field: c.field }),
        ...(c.why !== undefined && { why: c.why }),
      });
    }
    const final = catalog.dictionary.get(disposition.code);
    records.push(
      writeRecord(catalog.layout('E1'), {
        disposition: disposition.accepted ? 'A' : 'R',
        severity: finalSeverity(reports.map((r) => r.severity), disposition.accepted),
        condition: final.code,
        narrative: final.narrative,
        ...e1Fields,
        version: disposition.version === undefined ? undefined : String(disposition.version).padStart(5, '0'),
      }),
    );
    return { records, reports };
  }
}
