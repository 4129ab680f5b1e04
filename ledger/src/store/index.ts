/** The ledger's stores: one interface (`LedgerStore`), SQLite and PostgreSQL behind it. */
export * from './types';
export * from './errors';
export { SqlLedgerStore } from './SqlLedgerStore';
export { SqliteLedgerStore, openSqliteLedgerStore, type SqliteLedgerStoreOptions } from './sqlite';
export { PostgresLedgerStore, openPostgresLedgerStore, type PostgresLedgerStoreOptions } from './postgres';
