/** Schema migrations: each recorded once. */
import { strict as assert } from 'node:assert';
import type { Conformance } from './kit';

export function describeMigrations(ctx: Conformance): void {
  describe('migrations', () => {
    it('records each migration once and applies none twice', async () => {
      await ctx.store.migrate();
      const rows = await ctx.opened.raw('SELECT version, name FROM schema_migrations ORDER BY version');
      assert.deepEqual(rows.map((r) => [Number(r.version), r.name]), [[1, 'init'], [2, 'grants-index-without-remaining'], [3, 'executions-and-recorded-index'], [4, 'alert-marks-and-outbox'], [5, 'parked-executions'], [6, 'purchases-and-export-cursors']]);
    });
  });
}
