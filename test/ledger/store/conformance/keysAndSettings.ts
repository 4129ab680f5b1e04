/** API keys (stored by hash, revoked) and the alert settings document. */
import { strict as assert } from 'node:assert';
import { small } from '../plans';
import { rejectsWith, T0, type Conformance } from './kit';

export function describeKeysAndSettings(ctx: Conformance): void {
  describe('API keys and settings', () => {
    beforeEach(async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: small(), timeZone: 'UTC', anchorDay: 1 });
    });

    it('stores a key by hash, finds it, lists it and stops finding it once revoked', async () => {
      const key = await ctx.store.createApiKey({ workspaceId: 'w', role: 'meter', name: 'n8n', hash: 'h1', prefix: 'nc_ab' });
      const found = await ctx.store.findApiKeyByHash('h1');
      const listed = await ctx.store.listApiKeys('w');
      const revoked = await ctx.store.revokeApiKey(key.id);
      assert.deepEqual(
        [found?.id, found?.role, listed.map((k) => k.name), revoked.revokedAt !== null, await ctx.store.findApiKeyByHash('h1'), JSON.stringify(listed).includes('h1')],
        [key.id, 'meter', ['n8n'], true, null, false],
      );
    });

    it('stamps lastUsedAt on a lookup at most once in 5 minutes, so a busy key does not write on every request', async () => {
      await ctx.store.createApiKey({ workspaceId: 'w', role: 'meter', name: 'n8n', hash: 'h2', prefix: 'nc_cd' });
      const first = await ctx.store.findApiKeyByHash('h2');
      ctx.t += 4 * 60_000;
      const within = await ctx.store.findApiKeyByHash('h2');
      ctx.t += 60_000;
      const after = await ctx.store.findApiKeyByHash('h2');
      const stored = (await ctx.store.listApiKeys('w')).find((k) => k.name === 'n8n')?.lastUsedAt;
      // By hand: stamped at T0, not at T0 + 4 min, again at T0 + 5 min.
      const at = (ms: number) => new Date(T0 + ms).toISOString();
      assert.deepEqual([first?.lastUsedAt, within?.lastUsedAt, after?.lastUsedAt, stored], [at(0), at(0), at(5 * 60_000), at(5 * 60_000)]);
    });

    it('checks that the database can be written, and writes nothing doing so', async () => {
      await ctx.store.createApiKey({ workspaceId: 'w', role: 'meter', name: 'n8n', hash: 'h3', prefix: 'nc_ef' });
      const before = JSON.stringify(await ctx.opened.raw('SELECT * FROM api_keys ORDER BY id'));
      await ctx.store.checkWritable();
      assert.equal(JSON.stringify(await ctx.opened.raw('SELECT * FROM api_keys ORDER BY id')), before);
    });

    it('refuses an unknown role', async () => {
      await rejectsWith(ctx.store.createApiKey({ workspaceId: 'w', role: 'root' as 'admin', name: 'x', hash: 'h', prefix: 'p' }), 'invalid-input', /role/);
    });

    it('keeps alert settings as a JSON document per workspace', async () => {
      const before = await ctx.store.getAlertSettings('w');
      await ctx.store.setAlertSettings('w', { thresholds: [50, 90], email: 'a@b.c' });
      assert.deepEqual([before, await ctx.store.getAlertSettings('w')], [null, { thresholds: [50, 90], email: 'a@b.c' }]);
    });
  });
}
