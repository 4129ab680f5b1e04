import { resolveConfig, type ServiceFlags } from './config';
import { openStore } from './openStore';
import { DEFAULT_WORKSPACE_ID } from './bootstrap';
import type { LedgerStore, Workspace } from '../store/types';

/** Flags every administration command takes: where the ledger is and which workspace. */
export interface AdminFlags extends Pick<ServiceFlags, 'dataDir' | 'database'> {
  workspace?: string;
}

/** Thrown when the named workspace is not in the ledger (or there is none yet). */
export class UnknownWorkspaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownWorkspaceError';
  }
}

/**
 * Opens the ledger the flags and environment name, finds the workspace (`--workspace`, else `default`,
 * else the only one), runs `work`, and closes the store whatever happens.
 */
export async function withWorkspace<T>(flags: AdminFlags, env: Record<string, string | undefined>, cwd: string, work: (store: LedgerStore, ws: Workspace) => Promise<T>): Promise<T> {
  const config = resolveConfig({ dataDir: flags.dataDir, database: flags.database }, env, cwd);
  const store = await openStore(config);
  try {
    let ws: Workspace | null;
    if (flags.workspace) ws = await store.getWorkspace(flags.workspace);
    else {
      const all = await store.listWorkspaces();
      ws = all.find((w) => w.id === DEFAULT_WORKSPACE_ID) ?? (all.length === 1 ? all[0]! : null);
      if (!ws && all.length > 1) throw new UnknownWorkspaceError(`several workspaces (${all.map((w) => w.id).join(', ')}): name one with --workspace`);
    }
    if (!ws) throw new UnknownWorkspaceError(flags.workspace ? `unknown workspace "${flags.workspace}"` : 'no workspace yet: run `n8n-credits serve` once first');
    return await work(store, ws);
  } finally {
    await store.close();
  }
}
