import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgresLedgerStore } from '../store/postgres';
import { openSqliteLedgerStore } from '../store/sqlite';
import type { LedgerStore, LedgerStoreOptions } from '../store/types';
import { redactUrl, type ServiceConfig } from './config';

export const SQLITE_FILE = 'ledger.sqlite';

/** Opens and migrates the configured store: PostgreSQL when a URL is set, else SQLite in the data folder. */
export async function openStore(config: Pick<ServiceConfig, 'databaseUrl' | 'dataDir'>, options: LedgerStoreOptions = {}): Promise<LedgerStore> {
  if (config.databaseUrl) return openPostgresLedgerStore({ ...options, connectionString: config.databaseUrl });
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return openSqliteLedgerStore({ ...options, path: join(config.dataDir, SQLITE_FILE) });
}

const HINTS: Array<[RegExp, string]> = [
  [/^(EROFS|SQLITE_READONLY)/, 'the folder is read-only'],
  [/^(EACCES|EPERM)$/, 'permission denied'],
  [/^(ENOSPC|SQLITE_FULL)$/, 'the disk is full'],
  [/^(EFBIG|SQLITE_IOERR)/, 'the disk is full or a file-size limit was reached'],
  [/^SQLITE_CANTOPEN$/, 'the database file cannot be opened (is the folder writable?)'],
  [/^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|28P01|3D000)$/, 'the server cannot be reached or refused the connection'],
];

/**
 * One line saying why the ledger's database could not be opened at start, naming the folder (or the
 * redacted PostgreSQL URL), or null when `err` is not a failure of the storage (a programming error).
 */
export function describeOpenFailure(err: unknown, config: Pick<ServiceConfig, 'databaseUrl' | 'dataDir'>): string | null {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  if (!code) return null;
  const hint = HINTS.find(([pattern]) => pattern.test(code))?.[1];
  const where = config.databaseUrl ? `PostgreSQL ${redactUrl(config.databaseUrl)}` : `the data folder ${config.dataDir}`;
  const reason = err instanceof Error ? err.message : String(err);
  return `cannot open the ledger in ${where}: ${hint ? `${hint} (${reason})` : reason}`;
}
