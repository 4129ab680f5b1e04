import { SqliteLedgerStore } from '../../../ledger/src/store/sqlite';
import { registerConformance, type StoreFactory } from './conformance';
import { registerRegressions } from './regressions';

const open: StoreFactory = async (now) => {
  const store = new SqliteLedgerStore({ path: ':memory:', now });
  await store.migrate();
  return { store, raw: async (sql, params) => (/^\s*SELECT/i.test(sql) ? store.db.all(sql, params) : (await store.db.run(sql, params), [])), dispose: () => store.close() };
};

registerConformance('SqliteLedgerStore', open);
registerRegressions('SqliteLedgerStore', open);
