import { randomUUID } from 'node:crypto';
import { LedgerError } from '../errors';
import { apiKeyOut, iso } from '../rows';
import type { ApiKeyRecord, CreateApiKeyInput } from '../types';
import { checkId, optionalText } from '../validate';
import { ChargeDecider } from './chargeDecider';

/** How stale a key's `lastUsedAt` may be before a lookup writes it again: a busy key costs one write per interval. */
export const LAST_USED_EVERY_MS = 5 * 60_000;

/** API keys: only their hashes are stored. */
export class ApiKeys {
  constructor(private readonly core: ChargeDecider) {}

  async createApiKey(input: CreateApiKeyInput): Promise<ApiKeyRecord> {
    if (!['admin', 'member', 'meter'].includes(input.role)) throw new LedgerError('invalid-input', `role must be admin, member or meter, got ${JSON.stringify(input.role)}`, { field: 'role' });
    const hash = checkId(input.hash, 'hash');
    const prefix = checkId(input.prefix, 'prefix');
    const name = checkId(input.name, 'name');
    if (input.workspaceId !== null) await this.core.requireWorkspace(input.workspaceId);
    const id = randomUUID();
    await this.core.db.run('INSERT INTO api_keys (id, workspace_id, role, name, hash, prefix, member_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      id, input.workspaceId, input.role, name, hash, prefix, optionalText(input.memberId, 'memberId'), this.core.clock(),
    ]);
    return apiKeyOut((await this.core.db.get('SELECT * FROM api_keys WHERE id = ?', [id]))!);
  }

  /**
   * The key under `hash`, unless unknown or revoked. Stamps `lastUsedAt` only when the stored one is older than
   * `LAST_USED_EVERY_MS`, and never fails for it: a lookup is a read, and must keep working on a read-only database
   * (a ledger that can only be read still answers balances and reports).
   */
  async findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    checkId(hash, 'hash');
    const row = await this.core.db.get('SELECT * FROM api_keys WHERE hash = ? AND revoked_at IS NULL', [hash]);
    if (!row) return null;
    const now = this.core.clock();
    const last = row.last_used_at === null ? null : Number(row.last_used_at);
    if (last !== null && now - last < LAST_USED_EVERY_MS) return apiKeyOut(row);
    try {
      await this.core.db.run('UPDATE api_keys SET last_used_at = ? WHERE id = ?', [now, String(row.id)]);
    } catch {
      return apiKeyOut(row);
    }
    return { ...apiKeyOut(row), lastUsedAt: iso(now) };
  }

  async listApiKeys(workspaceId?: string | null): Promise<ApiKeyRecord[]> {
    if (workspaceId !== undefined && workspaceId !== null) checkId(workspaceId, 'workspaceId');
    const rows = workspaceId === undefined
      ? await this.core.db.all('SELECT * FROM api_keys ORDER BY created_at, id')
      : workspaceId === null
        ? await this.core.db.all('SELECT * FROM api_keys WHERE workspace_id IS NULL ORDER BY created_at, id')
        : await this.core.db.all('SELECT * FROM api_keys WHERE workspace_id = ? ORDER BY created_at, id', [workspaceId]);
    return rows.map(apiKeyOut);
  }

  async revokeApiKey(id: string): Promise<ApiKeyRecord> {
    checkId(id, 'id');
    const row = await this.core.db.get('SELECT * FROM api_keys WHERE id = ?', [id]);
    if (!row) throw new LedgerError('unknown-api-key', `unknown API key "${id}"`, { id });
    if (row.revoked_at === null) await this.core.db.run('UPDATE api_keys SET revoked_at = ? WHERE id = ?', [this.core.clock(), id]);
    return apiKeyOut((await this.core.db.get('SELECT * FROM api_keys WHERE id = ?', [id]))!);
  }
}
