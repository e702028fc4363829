import type { Catalog } from '../../catair/catalog.js';
import type { Severity } from '../../catair/dictionary.js';
import { writeRecord } from '../../catair/record.js';
import type { ConditionReport } from '../application.js';
import { value } from './rules/rule.js';
import type { EntrySummaryTx, EsCondition, Line, Reference, Tariff } from './transaction.js';

/** The final disposition of one entry summary. */
export interface Disposition {
  readonly code: string;
  readonly accepted: boolean;
  /** Version number on accepted adds and replaces. */
  readonly version?: number;
}

function referenceOrder(ref: Reference): number {
  switch (ref.kind) {
    case 'summary':
      return 0;
    case 'line':
      return ref.line.ordinal * 1000;
    case 'tariff':
      return ref.line.ordinal * 1000 + ref.tariff.ordinal;
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

/** E0 and E1 records for one transaction, in CBP's order: SUMMRY first, then by line and tariff, totals last. */
export class EntrySummaryWriter {
  constructor(private readonly catalog: Catalog) {}

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
    const sorted = [...conditions].sort((a, b) => referenceOrder(a.ref) - referenceOrder(b.ref));
    // E0 pointers are written when the referenced line or tariff changes (by ordinal: line numbers
    // and HTS numbers may repeat); a tariff's condition needs its line's E0 first.
    let currentLine = 0;
    let currentTariff = 0;
    for (const c of sorted) {
      let label = 'SUMMRY';
      if (c.ref.kind === 'line' || c.ref.kind === 'tariff') {
        const line = this.linePointer(c.ref.line);
        if (c.ref.line.ordinal !== currentLine) {
          records.push(line.record);
          currentLine = c.ref.line.ordinal;
          currentTariff = 0;
        }
        label = line.label;
        if (c.ref.kind === 'tariff') {
          const tariff = this.tariffPointer(c.ref.tariff);
          label = `${line.label} ${tariff.label}`;
          if (c.ref.tariff.ordinal !== currentTariff) {
            records.push(tariff.record);
            currentTariff = c.ref.tariff.ordinal;
          }
        } else {
          currentTariff = 0;
        }
      } else if (c.ref.kind === 'totals') {
        label = 'TOTALS';
        if (currentLine !== Number.MAX_SAFE_INTEGER) {
          records.push(writeRecord(catalog.layout('E0.TOTALS'), { occurrence: tx.ordinal, ...trailerFields }));
          currentLine = Number.MAX_SAFE_INTEGER;
        }
      }
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

  private linePointer(line: Line): { label: string; record: string } {
    const lineNumber = value(line.record, 'lineNumber');
    return {
      label: `LINITM ${lineNumber}`,
      record: writeRecord(this.catalog.layout('E0.LINITM'), { occurrence: line.ordinal, lineNumber }),
    };
  }

  private tariffPointer(tariff: Tariff): { label: string; record: string } {
    const hts = value(tariff.record, 'hts');
    return {
      label: `TARIFF ${hts}`,
      record: writeRecord(this.catalog.layout('E0.TARIFF'), { occurrence: tariff.ordinal, hts }),
    };
  }
}
