/** Ledger stores for alert tests that can be closed and opened again on the same data: a SQLite file, a PostgreSQL schema. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresLedgerStore } from '../../../ledger/src/store/postgres';
import { openSqliteLedgerStore } from '../../../ledger/src/store/sqlite';
import type { LedgerStore } from '../../../ledger/src/store/types';
import { dropSchema, freshSchemaName, testDatabaseUrl } from '../../support/postgres';

export interface ReopenableStore {
  name: string;
  /** Opens the store on the same data each time. */
  open(now: () => number): Promise<LedgerStore>;
  /** Removes the data (after the last store was closed). */
  dispose(): Promise<void>;
}

export function sqliteFile(): ReopenableStore {
  const dir = mkdtempSync(join(tmpdir(), 'n8c-alerts-'));
  return {
    name: 'SQLite',
    open: (now) => openSqliteLedgerStore({ path: join(dir, 'ledger.db'), now }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function postgresSchema(): ReopenableStore {
  const schema = freshSchemaName('alerts_test');
  return {
    name: 'PostgreSQL',
    open: async (now) => openPostgresLedgerStore({ connectionString: await testDatabaseUrl(), schema, now, maxConnections: 4 }),
    dispose: async () => dropSchema(await testDatabaseUrl(), schema),
  };
}
