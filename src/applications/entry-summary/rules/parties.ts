import type { CodeEntry } from '../../../catair/code-lists.js';
import type { EsCondition, Line } from '../transaction.js';
import { carriesSummary, headerRecord, type Rule, SUMMARY } from './rule.js';
import { value } from '../../shared/record.js';

// The condition each party's absence raises (error dictionary). Which entry types need which party
// is data: schemas/codes/party-requirements.yaml.
/** The 11 record's Consignee Number, positions 15-26 (ESF-36), M for most types on ESF-134. */
const CONSIGNEE = { party: 'consignee', code: '255' } as const;

/** Party types of the line's 47 records (ESF-78..79). */
const ARTICLE_PARTIES = [
  { party: 'M', code: '483' }, // Manufacturer/Supplier: ESF-135, ESF-137
  { party: 'S', code: '577' }, // Sold To Party: ESF-135, ESF-138
  { party: 'E', code: '499' }, // Foreign Exporter: ESF-135 note 7, ESF-181
] as const;
/** The manufacturer a 22 or 23 line of Canadian origin or export needs (ESF-135 note 5) has its own code. */
const CANADIAN_MANUFACTURER = { party: 'M', code: '534' } as const;

/**
 * Parties an add or replace must report for its entry type (ESF-134..135, ESF-136..139):
 * - 255: the 11 record's Consignee Number is blank. A summary without an 11 record is 100 alone.
 * - 483, 577, 499: a line has no 47 record of party type M, S or E where the table asks for one;
 *   534 instead of 483 where the manufacturer is asked only because the line's country of origin or
 *   of export is Canada (types 22 and 23, ESF-135 note 5; the dictionary's 534 names exactly this).
 *   The 47 record belongs to the line (ESF-78), so each line is checked and the condition points
 *   at the line (E0 LINITM, ESF-196): there is no ARPART to point at when the party is absent.
 * A 47 record with the party type but a blank identifier is the layout's 521, not a missing party.
 */
export const parties: Rule = (tx, ctx) => {
  if (!carriesSummary(tx)) return [];
  const type = value(tx.header, 'entryType');
  const table = ctx.catalog.codes('party-requirements');
  const found: EsCondition[] = [];
  // The dictionary's reading of 499: every line of an AD/CVD entry type (option foreignExporter).
  const exporterOnEveryLine = ctx.options.foreignExporter === 'adcvd-type' && ctx.catalog.codes('entry-types').get(type)?.['adcvd'] === true;
  const header = headerRecord(tx, '11');
  if (header && listed(table.get(CONSIGNEE.party), 'required', type) && value(header, 'consigneeNumber') === '') {
    found.push({ code: CONSIGNEE.code, ref: SUMMARY, record: header, field: 'consigneeNumber' });
  }
  for (const line of tx.lines) {
    const reported = new Set(line.children.filter((r) => r.id === '47').map((r) => value(r, 'partyType')));
    for (const { party, code } of ARTICLE_PARTIES) {
      if (reported.has(party)) continue;
      const missing = missingCode(line, table.get(party), code, type) ?? (party === 'E' && exporterOnEveryLine ? code : undefined);
      if (missing) found.push({ code: missing, ref: { kind: 'line', line } });
    }
  }
  return found;
};

/** The condition when a line of this entry type must report the party (the M and C cells of ESF-135), else undefined. */
function missingCode(line: Line, entry: CodeEntry | undefined, code: string, type: string): string | undefined {
  if (listed(entry, 'required', type)) return code;
  const countries = [value(line.record, 'countryOfOrigin'), value(line.record, 'countryOfExport')];
  if (listed(entry, 'requiredIfCanada', type) && countries.includes('CA')) return CANADIAN_MANUFACTURER.code; // note 5
  if (listed(entry, 'requiredIfCase', type) && line.trailers.some((r) => r.id === '53')) return code; // note 7
  return undefined;
}

/** Whether the entry type is in one of the party's lists. */
function listed(entry: CodeEntry | undefined, list: string, type: string): boolean {
  const types = entry?.[list];
  return Array.isArray(types) && types.includes(type);
}
