import { strict as assert } from 'node:assert';
import { dayAt } from '../../../shared-pricing/src/accounting/dayAt';

describe('unit: dayAt', () => {
  it('gives the local calendar day and its midnights in the zone', () => {
    const day = dayAt(Date.parse('2026-01-15T16:00:00Z'), 'Asia/Tokyo');
    assert.deepEqual([day.key, new Date(day.start).toISOString(), new Date(day.end).toISOString()], ['2026-01-16', '2026-01-15T15:00:00.000Z', '2026-01-16T15:00:00.000Z']);
  });

  it('rolls over the month end', () => {
    const day = dayAt(Date.parse('2026-01-31T12:00:00Z'), 'UTC');
    assert.deepEqual([day.key, new Date(day.end).toISOString()], ['2026-01-31', '2026-02-01T00:00:00.000Z']);
  });

  it('has 23 hours on the day clocks go forward', () => {
    const day = dayAt(Date.parse('2026-03-29T12:00:00Z'), 'Europe/Berlin');
    assert.equal(day.end - day.start, 23 * 3_600_000);
  });
});
