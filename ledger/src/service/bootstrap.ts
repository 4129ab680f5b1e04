import { generateApiKey, hashApiKey } from '../http/keys';
import { presetPlan } from '../http/pricing';
import { isLedgerError } from '../store/errors';
import type { LedgerStore, Workspace } from '../store/types';

export const DEFAULT_WORKSPACE_ID = 'default';

export interface BootstrapResult {
  workspace: Workspace;
  /** The admin key, present only on the start that created the workspace (print it once). */
  adminKey: string | null;
}

/**
 * On the first start (no workspace yet) creates the `default` workspace on the given preset and an
 * admin key for it. Several processes starting at once on one PostgreSQL race for the fixed id:
 * the loser sees `duplicate-workspace` and prints no key.
 */
export async function bootstrap(store: LedgerStore, preset = 'twenty', timeZone = 'UTC'): Promise<BootstrapResult> {
  const existing = await store.listWorkspaces();
  if (existing.length > 0) return { workspace: existing.find((w) => w.id === DEFAULT_WORKSPACE_ID) ?? existing[0]!, adminKey: null };
  const plan = presetPlan(preset);
  if (!plan) throw new Error(`unknown plan preset "${preset}"`);
  let workspace: Workspace;
  try {
    workspace = await store.createWorkspace({ id: DEFAULT_WORKSPACE_ID, name: 'Default workspace', plan, timeZone, anchorDay: 1 });
  } catch (err) {
    if (isLedgerError(err, 'duplicate-workspace')) return { workspace: (await store.getWorkspace(DEFAULT_WORKSPACE_ID))!, adminKey: null };
    throw err;
  }
  const adminKey = generateApiKey();
  await store.createApiKey({ workspaceId: workspace.id, role: 'admin', name: 'first admin', hash: hashApiKey(adminKey), prefix: adminKey.slice(0, 10) });
  return { workspace, adminKey };
}
