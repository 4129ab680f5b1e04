import { strict as assert } from 'node:assert';
import { periodAt } from '../../../shared-pricing/src/accounting/periodAt';

const iso = (p: { start: number; end: number }) => [new Date(p.start).toISOString(), new Date(p.end).toISOString()];

describe('unit: periodAt', () => {
  it('starts a monthly period at local midnight of the anchor day', () => {
    const period = periodAt(Date.parse('2026-01-15T03:00:00Z'), { cycle: 'monthly', anchorDay: 10, anchorMonth: 1, timeZone: 'Asia/Tokyo' });
    assert.deepEqual(iso(period), ['2026-01-09T15:00:00.000Z', '2026-02-09T15:00:00.000Z']);
  });

  it('goes back a month when the instant is before this month’s anchor', () => {
    const period = periodAt(Date.parse('2026-03-05T00:00:00Z'), { cycle: 'monthly', anchorDay: 10, anchorMonth: 1, timeZone: 'UTC' });
    assert.deepEqual(iso(period), ['2026-02-10T00:00:00.000Z', '2026-03-10T00:00:00.000Z']);
  });

  it('clamps anchor day 31 to the last day of short months', () => {
    const anchor = { cycle: 'monthly' as const, anchorDay: 31, anchorMonth: 1, timeZone: 'UTC' };
    const february = periodAt(Date.parse('2026-03-01T00:00:00Z'), anchor);
    const march = periodAt(Date.parse('2026-03-31T00:00:00Z'), anchor);
    assert.deepEqual([iso(february), iso(march)], [
      ['2026-02-28T00:00:00.000Z', '2026-03-31T00:00:00.000Z'],
      ['2026-03-31T00:00:00.000Z', '2026-04-30T00:00:00.000Z'],
    ]);
  });

  it('uses 29 February in a leap year', () => {
    const period = periodAt(Date.parse('2028-03-15T00:00:00Z'), { cycle: 'monthly', anchorDay: 30, anchorMonth: 1, timeZone: 'UTC' });
    assert.deepEqual(iso(period), ['2028-02-29T00:00:00.000Z', '2028-03-30T00:00:00.000Z']);
  });

  it('follows daylight saving time: the offset of each boundary is its own', () => {
    const period = periodAt(Date.parse('2026-03-20T12:00:00Z'), { cycle: 'monthly', anchorDay: 1, anchorMonth: 1, timeZone: 'Europe/Berlin' });
    assert.deepEqual(iso(period), ['2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
  });

  it('starts a yearly period on the anchor day of the anchor month', () => {
    const period = periodAt(Date.parse('2026-02-01T00:00:00Z'), { cycle: 'yearly', anchorDay: 15, anchorMonth: 3, timeZone: 'UTC' });
    assert.deepEqual(iso(period), ['2025-03-15T00:00:00.000Z', '2026-03-15T00:00:00.000Z']);
  });

  it('includes the start instant and excludes the end', () => {
    const anchor = { cycle: 'monthly' as const, anchorDay: 1, anchorMonth: 1, timeZone: 'UTC' };
    const start = Date.parse('2026-02-01T00:00:00Z');
    assert.deepEqual([periodAt(start, anchor).start, periodAt(start - 1, anchor).end], [start, start]);
  });
});
