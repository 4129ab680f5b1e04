import { SqlLedgerStore } from './SqlLedgerStore';
import { SqliteDb } from './sqliteDb';
import type { LedgerStoreOptions } from './types';

export interface SqliteLedgerStoreOptions extends LedgerStoreOptions {
  /** Database file; `:memory:` for a private in-memory ledger. */
  path: string;
}

/** The embedded ledger: SQLite through better-sqlite3 (WAL, synchronous=NORMAL). */
export class SqliteLedgerStore extends SqlLedgerStore {
  constructor(options: SqliteLedgerStoreOptions) {
    super(new SqliteDb(options.path), options);
  }
}

/** Opens (creating if needed) and migrates a SQLite ledger. */
export async function openSqliteLedgerStore(options: SqliteLedgerStoreOptions): Promise<SqliteLedgerStore> {
  const store = new SqliteLedgerStore(options);
  await store.migrate();
  return store;
}
