import type { PoolConfig } from 'pg';
import { PostgresDb } from './postgresDb';
import { SqlLedgerStore } from './SqlLedgerStore';
import type { LedgerStoreOptions } from './types';

export interface PostgresLedgerStoreOptions extends LedgerStoreOptions {
  /** `postgres://user@host:port/database`. */
  connectionString: string;
  /** Schema to keep the ledger's tables in (created if missing); defaults to the connection's search path. */
  schema?: string;
  /** Most connections in the pool (default 10). */
  maxConnections?: number;
  /** Extra `pg` pool settings. */
  pool?: PoolConfig;
}

/** The ledger for scale: PostgreSQL through a `pg` pool; several processes may share one database. */
export class PostgresLedgerStore extends SqlLedgerStore {
  constructor(options: PostgresLedgerStoreOptions) {
    if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
      throw new RangeError(`schema must be a lower-case SQL identifier, got ${JSON.stringify(options.schema)}`);
    }
    super(new PostgresDb({ connectionString: options.connectionString, max: options.maxConnections ?? 10, ...options.pool }, options.schema ?? null), options);
    this.schema = options.schema ?? null;
  }

  private readonly schema: string | null;

  override async migrate(): Promise<void> {
    if (this.schema) await this.db.run(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
    await super.migrate();
  }
}

/** Opens and migrates a PostgreSQL ledger. */
export async function openPostgresLedgerStore(options: PostgresLedgerStoreOptions): Promise<PostgresLedgerStore> {
  const store = new PostgresLedgerStore(options);
  await store.migrate();
  return store;
}
