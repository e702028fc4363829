import { fieldText } from '../../../catair/record.js';
import { carriesSummary, headerRecord, type Rule, SUMMARY } from './rule.js';
import { value } from '../../shared/record.js';

/**
 * An add or replace needs an 11 record with the importer of record number (100), in one of the
 * formats of schemas/codes/importer-number-formats.yaml: EIN with suffix, SSN, CBP-assigned (102).
 */
export const importerNumber: Rule = (tx, ctx) => {
  const record = headerRecord(tx, '11');
  const field = record?.layout?.byName.get('importerNumber');
  if (!record || !field) return carriesSummary(tx) ? [{ code: '100', ref: SUMMARY, record: tx.header }] : [];
  if (value(record, 'importerNumber') === '') return []; // reported as missing by the layout
  const raw = fieldText(record.text, field);
  const formats = ctx.catalog.codes('importer-number-formats');
  if (formats.patterns.some((p) => p.test(raw))) return [];
  const examples = formats.codes.map((c) => formats.get(c)?.['example']).filter((e): e is string => typeof e === 'string').map((e) => `"${e.trim()}"`);
  return [{ code: '102', ref: SUMMARY, record, field: 'importerNumber', why: `"${raw.trim()}" has none of the importer number formats, e.g. ${examples.join(', ')}` }];
};
