import { createHash, randomBytes } from 'node:crypto';

/** The roles an API key can hold. */
export type Role = 'admin' | 'member' | 'meter';
export const ROLES: readonly Role[] = ['admin', 'member', 'meter'];

/** The prefix of every key, so a leaked one is recognisable in logs and scanners. */
export const KEY_PREFIX = 'n8c_';

/** A new API key: 32 random bytes, base64url, with the prefix. Shown once; only its hash is stored. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** The sha256 hash (hex) under which a key is stored and looked up. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A random opaque token (session ids, CSRF tokens). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
