/** A listening ledger app over an in-memory SQLite store, for the tests of limits that need a real socket. */
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../../ledger/src/http/app';
import type { AppContext } from '../../../ledger/src/http/context';
import { bootstrap } from '../../../ledger/src/service/bootstrap';
import { openSqliteLedgerStore } from '../../../ledger/src/store/sqlite';
import type { LedgerStore } from '../../../ledger/src/store/types';
import { makeKey } from './helpers';

export interface LimitServer {
  app: FastifyInstance;
  ctx: AppContext;
  store: LedgerStore;
  /** `http://127.0.0.1:port` */
  url: string;
  port: number;
  adminKey: string;
  memberKey: string;
  meterKey: string;
  close(): Promise<void>;
}

export async function limitServer(options: Omit<AppOptions, 'store'> = {}): Promise<LimitServer> {
  const store = await openSqliteLedgerStore({ path: ':memory:' });
  const { workspace, adminKey } = await bootstrap(store, 'twenty');
  const memberKey = await makeKey(store, workspace.id, 'member');
  const meterKey = await makeKey(store, workspace.id, 'meter');
  const { app, ctx } = await buildApp({ store, ...options });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app, ctx, store, url, port: Number(new URL(url).port), adminKey: adminKey!, memberKey, meterKey,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

/** GET `path` with `key` as Bearer (none when null) and extra headers. */
export function get(server: LimitServer, path: string, key: string | null, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } });
}
