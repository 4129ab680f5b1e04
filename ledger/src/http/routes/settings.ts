import { principalOf } from '../auth';
import { resolveWorkspace, type AppContext } from '../context';
import type { LedgerOk } from '../contract';
import { getAlerts, getWhoami, putAlerts } from '../contract/settings';
import { contractRoute, type LedgerApp } from '../contractRoute';

/** Alert settings as stored: warn when this period's consumption passes each percentage of the allocation. */
export type AlertSettings = LedgerOk<'GET /v1/alerts'>;

export const DEFAULT_ALERTS: AlertSettings = { thresholds: [80, 100], email: null, webhookUrl: null };

/** The stored alert settings merged over the defaults (the store keeps any JSON). */
export function alertSettingsOf(stored: unknown): AlertSettings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<AlertSettings>;
  return {
    thresholds: Array.isArray(s.thresholds) ? s.thresholds.filter((t): t is number => Number.isInteger(t)) : DEFAULT_ALERTS.thresholds,
    email: typeof s.email === 'string' ? s.email : null,
    webhookUrl: typeof s.webhookUrl === 'string' ? s.webhookUrl : null,
  };
}

/** `whoami` and the alert settings. */
export function settingsRoutes(app: LedgerApp, ctx: AppContext): void {
  app.get(getWhoami.url, contractRoute(getWhoami), async (request) => {
    const p = principalOf(request);
    const ws = p.workspaceId ? await ctx.store.getWorkspace(p.workspaceId) : null;
    return { keyId: p.keyId, name: p.keyName, role: p.role, memberId: p.memberId, via: p.via, workspace: ws ? { id: ws.id, name: ws.name, plan: ws.plan.name } : null };
  });

  app.get(getAlerts.url, contractRoute(getAlerts), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    return alertSettingsOf(await ctx.store.getAlertSettings(ws.id));
  });

  app.put(putAlerts.url, contractRoute(putAlerts), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    const settings: AlertSettings = { thresholds: [...request.body.thresholds].sort((a, b) => a - b), email: request.body.email ?? null, webhookUrl: request.body.webhookUrl ?? null };
    await ctx.store.setAlertSettings(ws.id, settings);
    return settings;
  });
}
