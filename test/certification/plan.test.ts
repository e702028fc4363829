import { test } from 'tap';
import type { TransactionFact } from '../../src/certification/facts.js';
import { type Plan, progressOf } from '../../src/certification/plan.js';

// A plan item with `after` counts only on an entry that already showed the other item: "a Census
// warning then its override" is one entry's story, not two unrelated transactions.

const plan: Plan = {
  id: 'linked',
  title: 'Linked',
  description: 'd',
  source: 's',
  items: [
    { id: 'warning', title: 'A Census warning', times: 1, transaction: { application: 'AE', outcome: 'accepted', severity: 'W' } },
    { id: 'override', title: 'Its override', times: 1, transaction: { application: 'CW', outcome: 'accepted' }, after: 'warning' },
  ],
};

const fact = (over: Partial<TransactionFact>): TransactionFact => ({
  exchangeId: 'x',
  day: '2026-11-25',
  at: '2026-11-25T15:00:00.000Z',
  session: 'B76',
  filer: 'B76',
  application: 'AE',
  entryNumber: '03245278',
  action: 'A',
  psc: false,
  accepted: true,
  faults: [],
  warnings: [],
  ...over,
});
const warned = fact({ exchangeId: 'w', at: '2026-11-25T15:00:00.000Z', warnings: [{ code: '27C', narrative: 'n', severity: 'W' }] });

test('an override counts after a warning on the same entry', async (t) => {
  const override = fact({ exchangeId: 'o', application: 'CW', at: '2026-11-25T16:00:00.000Z' });
  t.same(progressOf(plan, [warned, override], []).items.map((i) => i.done), [true, true]);
});

test('an override before the warning, or on another entry, does not', async (t) => {
  const before = fact({ exchangeId: 'o', application: 'CW', at: '2026-11-25T14:00:00.000Z' });
  const elsewhere = fact({ exchangeId: 'p', application: 'CW', at: '2026-11-25T16:00:00.000Z', entryNumber: '03245286' });
  const progress = progressOf(plan, [before, warned, elsewhere], []);
  t.same(progress.items.map((i) => i.done), [true, false]);
  t.same(progress.missing, ['Its override']);
});

test('a message is tied to the entries of the exchange that caused it', async (t) => {
  const messages: Plan = {
    ...plan,
    items: [
      { id: 'hold', title: 'hold', times: 1, message: { application: 'SO', summary: '^SO 03 ' } },
      { id: 'release', title: 'release', times: 1, message: { application: 'SO', summary: '^SO 98 ' }, after: 'hold' },
    ],
  };
  const se = [fact({ exchangeId: 'a', application: 'SE' }), fact({ exchangeId: 'b', application: 'SE', entryNumber: '03245286' })];
  const held = { application: 'SO', summary: 'SO 03 PENDING INTENSIVE EXAM for B76-03245278', exchangeId: 'a', deliverAt: '2026-11-25T15:00:00.000Z' };
  const releasedOther = { application: 'SO', summary: 'SO 98 RELEASED for B76-03245286', exchangeId: 'b', deliverAt: '2026-11-25T19:00:00.000Z' };
  t.same(progressOf(messages, se, [held, releasedOther]).items.map((i) => i.done), [true, false], 'a release of another entry is not its release');
  const released = { ...releasedOther, exchangeId: 'a' };
  t.same(progressOf(messages, se, [held, released]).items.map((i) => i.done), [true, true]);
});
