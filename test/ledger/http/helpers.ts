import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../../ledger/src/http/app';
import type { AppContext } from '../../../ledger/src/http/context';
import { generateApiKey, hashApiKey, type Role } from '../../../ledger/src/http/keys';
import { bootstrap } from '../../../ledger/src/service/bootstrap';
import { openSqliteLedgerStore } from '../../../ledger/src/store/sqlite';
import type { LedgerStore, Workspace } from '../../../ledger/src/store/types';
import { getPlan } from '../../../shared-pricing/src/plans/loadPlan';
import type { Plan } from '../../../shared-pricing/src/plans/types';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  store: LedgerStore;
  ws: Workspace;
  keys: Record<Role, string>;
  /** `Authorization` header of a role's key. */
  auth(role: Role): Record<string, string>;
  call(role: Role | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Makes a key for `workspaceId` and returns the secret. */
export async function makeKey(store: LedgerStore, workspaceId: string | null, role: Role, memberId: string | null = null): Promise<string> {
  const key = generateApiKey();
  if (memberId && workspaceId && !(await store.listMembers(workspaceId)).some((m) => m.memberId === memberId)) await store.addMember({ workspaceId, memberId });
  await store.createApiKey({ workspaceId, role, name: `${role} key`, hash: hashApiKey(key), prefix: key.slice(0, 10), memberId });
  return key;
}

/** An app over a fresh in-memory SQLite ledger with the `default` workspace (plan twenty) and one key per role. */
export async function makeTestApp(options: { path?: string; bodyLimit?: number } = {}): Promise<TestApp> {
  const store = await openSqliteLedgerStore({ path: options.path ?? ':memory:' });
  const { workspace, adminKey } = await bootstrap(store, 'twenty');
  const keys: Record<Role, string> = {
    admin: adminKey!,
    member: await makeKey(store, workspace.id, 'member', 'alice'),
    meter: await makeKey(store, workspace.id, 'meter'),
  };
  // Analysis runs inline here: a worker thread takes about a second to start under tsx, in every test app. The
  // worker pool has its own tests (analysis-limits.test.ts).
  const { app, ctx } = await buildApp({ store, bodyLimit: options.bodyLimit, analysis: { workers: 0 } });
  const auth = (role: Role) => ({ authorization: `Bearer ${keys[role]}` });
  return {
    app, ctx, store, ws: workspace, keys, auth,
    call: (role, opts) => app.inject({ ...opts, headers: { ...(role ? auth(role) : {}), ...(opts.headers ?? {}) } }),
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

/** The balance card and the number of entries: what must not change when a request fails. */
export async function ledgerState(t: TestApp): Promise<{ totalAvailable: number; consumed: number; entries: number }> {
  const card = await t.store.balance(t.ws.id);
  const entries = await t.store.listEntries({ workspaceId: t.ws.id, limit: 1000 });
  return { totalAvailable: card.totalAvailable, consumed: card.consumedThisPeriod, entries: entries.length };
}

/** Puts the test workspace on a pause plan (twenty's book) whose allocation leaves `left` millicredits. */
export async function pauseWith(t: TestApp, left: number, over: Partial<Plan> = {}): Promise<void> {
  await t.store.setPlan(t.ws.id, { ...getPlan('twenty'), allocation: left, rolloverCap: 0, ...over });
}
