/** API keys: what is stored of them (never the secret itself). */

export type ApiKeyRole = 'admin' | 'member' | 'meter';

export interface CreateApiKeyInput {
  /** The workspace the key acts for; null for an instance-wide admin key. */
  workspaceId: string | null;
  role: ApiKeyRole;
  name: string;
  /** Hash of the secret (the store never sees the secret). */
  hash: string;
  /** First characters of the secret, to recognise it in lists. */
  prefix: string;
  /** For `member` keys: whose usage it records and reads. */
  memberId?: string | null;
}

export interface ApiKeyRecord {
  id: string;
  workspaceId: string | null;
  role: ApiKeyRole;
  name: string;
  prefix: string;
  memberId: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

