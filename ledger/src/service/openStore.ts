import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgresLedgerStore } from '../store/postgres';
import { openSqliteLedgerStore } from '../store/sqlite';
import type { LedgerStore, LedgerStoreOptions } from '../store/types';
import type { ServiceConfig } from './config';

export const SQLITE_FILE = 'ledger.sqlite';

/** Opens and migrates the configured store: PostgreSQL when a URL is set, else SQLite in the data folder. */
export async function openStore(config: Pick<ServiceConfig, 'databaseUrl' | 'dataDir'>, options: LedgerStoreOptions = {}): Promise<LedgerStore> {
  if (config.databaseUrl) return openPostgresLedgerStore({ ...options, connectionString: config.databaseUrl });
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return openSqliteLedgerStore({ ...options, path: join(config.dataDir, SQLITE_FILE) });
}
