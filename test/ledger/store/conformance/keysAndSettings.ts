/** API keys (stored by hash, revoked) and the alert settings document. */
import { strict as assert } from 'node:assert';
import { small } from '../plans';
import { rejectsWith, type Conformance } from './kit';

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
