import { SX } from '../conditions.js';
import type { CrCondition } from '../transaction.js';
import { actionOf, on, type Rule } from './rule.js';

/**
 * The records each action may carry: a cancel only SE10, SE13 and SE20 (SE-24); an update only
 * SE10, SE11, SE13, SE15, SE16, SE17 and SE20 (SE-25; SE-33 note 1 leaves SE13 out, but the update
 * map and the SE13 page make it mandatory on every action, so it is allowed). Add and replace carry
 * the whole map (SE-22).
 */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  D: ['SE10', 'SE13', 'SE20'],
  U: ['SE10', 'SE11', 'SE13', 'SE15', 'SE16', 'SE17', 'SE20'],
};

export const recordsForAction: Rule = (tx) => {
  const allowed = ALLOWED[actionOf(tx)];
  if (!allowed) return [];
  return tx.records.filter((r) => !allowed.includes(r.text.slice(0, 4))).map((r) => on(SX.recordNotAllowed, r));
};

/** Every action carries the SE13 contact record (SE-22 note 2, SE-24 note 2, SE-25, SE-42). */
export const contactRecord: Rule = (tx) => {
  const found: CrCondition[] = [];
  if (!tx.contact && ['A', 'R', 'D', 'U'].includes(actionOf(tx))) found.push(on(SX.recordMissing, tx.header));
  return found;
};
