import type { Catalog } from '../../../catair/catalog.js';
import { fieldText } from '../../../catair/record.js';
import { SX } from '../conditions.js';
import type { CrCondition, Entity } from '../transaction.js';
import { entryTypeOf, isFiling, listed, on, type Rule, value } from './rule.js';

const code = (entity: Entity): string => value(entity.record, 'entityCode');

/** Parties that may be reported by an identifier (SE-58 note 3, SE-67 note 3). */
const IDENTIFIED = ['BY', 'ST', 'CN'];

/** Each entity code at most once at header level and once per line (SE-57, SE-66; M42). */
export const partiesOnce: Rule = (tx) => {
  if (!isFiling(tx)) return [];
  return [tx.entities, ...tx.lines.map((l) => l.entities)].flatMap((entities) =>
    entities.filter((e, i) => entities.findIndex((other) => code(other) === code(e)) < i).map((e) => on(SX.partyTwice, e.record, 'entityCode')),
  );
};

/**
 * How each party is reported (schemas/codes/cargo-release-party-requirements.yaml `form`): by name
 * with its street and city records (M43), or by an identifier alone, only for buyer, ship to and
 * consignee and never beside a name or address (M44), the consignee by identifier unless the entry
 * type lets it be named (types 11, 86, SE-58 note 2); an identifier goes with its qualifier, in an
 * importer number format (M45), never a CBP-encrypted number (SE-18 rule 8; M46).
 */
export const partyForms: Rule = (tx, ctx) => {
  if (!isFiling(tx)) return [];
  const type = entryTypeOf(tx);
  return [...tx.entities, ...tx.lines.flatMap((l) => l.entities)].flatMap((e) => partyForm(e, type, ctx.catalog));
};

function partyForm(entity: Entity, type: string, catalog: Catalog): CrCondition[] {
  const { record } = entity;
  const requirement = catalog.codes('cargo-release-party-requirements').get(code(entity));
  const name = value(record, 'entityName') !== '';
  const qualifier = value(record, 'idQualifier');
  const identifier = value(record, 'identifier');
  const identified = qualifier !== '' || identifier !== '';
  const addressed = entity.streets.length > 0 && entity.city !== undefined;
  const found: CrCondition[] = [];
  if (identified && (!IDENTIFIED.includes(code(entity)) || name || entity.streets.length > 0 || entity.city)) found.push(on(SX.partyIdentifier, record, 'idQualifier'));
  else if (identified) found.push(...identifierForm(entity, catalog));
  if (!requirement) return found;
  const form = requirement['form'];
  const named = form === 'name' || (form === 'name-or-id' && !identified) || (form === 'id' && name && listed(requirement, 'nameAllowed').includes(type));
  if (named && !(name && addressed)) found.push(on(SX.partyNameAddress, record, 'entityName'));
  if (form === 'id' && !identified && !named) found.push(on(name ? SX.partyIdentifier : SX.partyIdentifierForm, record, name ? 'entityName' : 'identifier'));
  return found;
}

/** The identifier is in the format of SE-58 note 3 (importer-number-formats.yaml over its first 12 characters, the rest blank). */
function identifierForm(entity: Entity, catalog: Catalog): CrCondition[] {
  const { record } = entity;
  const identifier = value(record, 'identifier');
  if (identifier.startsWith('-')) return [on(SX.encryptedConsignee, record, 'identifier')];
  const field = record.layout?.byName.get('identifier');
  const raw = field ? fieldText(record.text, field) : '';
  const formatted = raw.slice(12).trim() === '' && catalog.codes('importer-number-formats').patterns.some((p) => p.test(raw.slice(0, 12)));
  return value(record, 'idQualifier') === '' || identifier === '' || !formatted ? [on(SX.partyIdentifierForm, record, 'identifier')] : [];
}

/**
 * The parties an entry type needs (cargo-release-party-requirements.yaml `required`), each at header
 * level, where it stands for every line, or on every line (SE-17, SE-57, SE-66; M41 on each line
 * without it); for type 86 the consignee at header level only (SE-57; M47 on a line's).
 */
export const requiredParties: Rule = (tx, ctx) => {
  if (!isFiling(tx)) return [];
  const type = entryTypeOf(tx);
  const list = ctx.catalog.codes('cargo-release-party-requirements');
  const found: CrCondition[] = [];
  for (const party of list.codes) {
    const requirement = list.get(party);
    const headerOnly = listed(requirement, 'headerOnly').includes(type);
    if (headerOnly) found.push(...tx.lines.flatMap((l) => l.entities.filter((e) => code(e) === party).map((e) => on(SX.consigneeAtLine, e.record, 'entityCode'))));
    if (!listed(requirement, 'required').includes(type) || tx.entities.some((e) => code(e) === party)) continue;
    const lacking = headerOnly ? [] : tx.lines.filter((l) => !l.entities.some((e) => code(e) === party));
    if (headerOnly || tx.lines.length === 0) found.push(on(SX.partyMissing, tx.header));
    else found.push(...lacking.map((l) => on(SX.partyMissing, l.record)));
  }
  return found;
};
