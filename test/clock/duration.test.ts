import t from 'tap';
import { addDuration, parseDuration } from '../../src/clock/duration.js';

t.test('reads ISO 8601 durations part by part', async (t) => {
  t.same(parseDuration('P30D'), { years: 0, months: 0, days: 30, milliseconds: 0 });
  t.same(parseDuration('PT2H30M'), { years: 0, months: 0, days: 0, milliseconds: 9_000_000 });
  t.same(parseDuration('P1Y2M3W4DT5H6M7S'), { years: 1, months: 2, days: 25, milliseconds: 18_367_000 });
  for (const bad of ['', 'P', 'PT', '30D', 'P-1D', 'P1.5D', 'p1d', 'P1DT', 'PT1D']) t.equal(parseDuration(bad), undefined, `${JSON.stringify(bad)} is not a duration`);
});

t.test('adds calendar months and 24-hour days in UTC', async (t) => {
  const at = new Date('2026-11-25T15:00:00.000Z');
  t.equal(addDuration(at, parseDuration('P30D')!).toISOString(), '2026-12-25T15:00:00.000Z');
  t.equal(addDuration(at, parseDuration('P1M')!).toISOString(), '2026-12-25T15:00:00.000Z');
  t.equal(addDuration(at, parseDuration('P1Y')!).toISOString(), '2027-11-25T15:00:00.000Z');
  t.equal(addDuration(at, parseDuration('PT9H')!).toISOString(), '2026-11-26T00:00:00.000Z');
  // A month from January 31 runs over February, as the calendar does.
  t.equal(addDuration(new Date('2027-01-31T00:00:00Z'), parseDuration('P1M')!).toISOString(), '2027-03-03T00:00:00.000Z');
});
