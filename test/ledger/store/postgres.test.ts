import { PostgresLedgerStore } from '../../../ledger/src/store/postgres';
import { dropSchema, freshSchemaName, testDatabaseUrl } from '../../support/postgres';
import { registerConformance, type StoreFactory } from './conformance';
import { registerRegressions } from './regressions';

const open: StoreFactory = async (now) => {
  const url = await testDatabaseUrl();
  const schema = freshSchemaName();
  const store = new PostgresLedgerStore({ connectionString: url, schema, now, maxConnections: 4 });
  await store.migrate();
  return {
    store,
    raw: async (sql, params) => (/^\s*SELECT/i.test(sql) ? store.db.all(sql, params) : (await store.db.run(sql, params), [])),
    dispose: async () => {
      await store.close();
      await dropSchema(url, schema);
    },
  };
};

registerConformance('PostgresLedgerStore', open);
registerRegressions('PostgresLedgerStore', open);
