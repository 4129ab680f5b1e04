import type { AlertEvent } from '../../alerts/conditions';
import { alertSettingsOf, DEFAULT_ALERTS, generateWebhookSecret, webhookSecretOf, type AlertSettings } from '../../alerts/settings';
import type { AlertDelivery } from '../../store/types';
import { may } from '../access';
import { principalOf, type Principal } from '../auth';
import { resolveWorkspace, type AppContext } from '../context';
import { getAlertDeliveries, getAlerts, getWhoami, putAlerts } from '../contract/settings';
import { contractRoute, type LedgerApp } from '../contractRoute';
import { isMasked, maskTarget, maskUrl } from '../mask';

export { alertSettingsOf, DEFAULT_ALERTS, type AlertSettings };

/** Whether the caller may read the webhook URL in full (admins); others get it masked, as the page shows it. */
const seesSecrets = (p: Principal): boolean => may(p.role, 'secrets:read');

/** A delivery as the log shows it (the payload stays in the store). */
function deliveryJson(d: AlertDelivery, full: boolean) {
  return {
    id: d.id, alertId: d.alertId, event: d.event as AlertEvent, channel: d.channel, target: full ? d.target : maskTarget(d.channel, d.target), status: d.status, attempts: d.attempts,
    lastError: d.lastError, createdAt: d.createdAt, nextAttemptAt: d.nextAttemptAt, sentAt: d.sentAt,
  };
}

/** `whoami`, the alert settings and the alert delivery log. */
export function settingsRoutes(app: LedgerApp, ctx: AppContext): void {
  app.get(getWhoami.url, contractRoute(getWhoami), async (request) => {
    const p = principalOf(request);
    const ws = p.workspaceId ? await ctx.store.getWorkspace(p.workspaceId) : null;
    return { keyId: p.keyId, name: p.keyName, role: p.role, memberId: p.memberId, via: p.via, workspace: ws ? { id: ws.id, name: ws.name, plan: ws.plan.name } : null };
  });

  app.get(getAlerts.url, contractRoute(getAlerts), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    const settings = alertSettingsOf(await ctx.store.getAlertSettings(ws.id));
    if (seesSecrets(principalOf(request)) || settings.webhookUrl === null) return settings;
    return { ...settings, webhookUrl: maskUrl(settings.webhookUrl) };
  });

  app.put(putAlerts.url, {
    ...contractRoute(putAlerts),
    // The page shows the webhook URL masked; its form sending that mask back means "keep the saved URL".
    preValidation: async (request) => {
      const body = request.body as { webhookUrl?: unknown } | undefined;
      if (typeof body?.webhookUrl !== 'string' || !isMasked(body.webhookUrl)) return;
      const saved = alertSettingsOf(await ctx.store.getAlertSettings((await resolveWorkspace(ctx, request)).id)).webhookUrl;
      if (saved !== null && maskUrl(saved) === body.webhookUrl) body.webhookUrl = saved;
    },
  }, async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    const b = request.body;
    const before = await ctx.store.getAlertSettings(ws.id);
    // A secret sent is kept; otherwise the one saved before; a webhook URL without any gets a new one, shown once.
    const kept = b.webhookSecret ?? webhookSecretOf(before);
    const generated = kept === null && b.webhookUrl ? generateWebhookSecret() : null;
    const settings: AlertSettings = {
      thresholds: [...b.thresholds].sort((x, y) => x - y),
      belowMillicredits: b.belowMillicredits ?? null,
      spikeFactor: b.spikeFactor === undefined ? DEFAULT_ALERTS.spikeFactor : b.spikeFactor,
      spikeDays: b.spikeDays ?? DEFAULT_ALERTS.spikeDays,
      events: { ...DEFAULT_ALERTS.events, ...b.events },
      email: b.email ?? null,
      webhookUrl: b.webhookUrl ?? null,
      webhookSecretSet: (kept ?? generated) !== null,
    };
    const { webhookSecretSet: _set, ...document } = settings;
    await ctx.store.setAlertSettings(ws.id, { ...document, webhookSecret: kept ?? generated });
    return generated ? { ...settings, webhookSecret: generated } : settings;
  });

  app.get(getAlertDeliveries.url, contractRoute(getAlertDeliveries), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    const limit = request.query.limit ? Number(request.query.limit) : 50;
    const full = seesSecrets(principalOf(request));
    return { deliveries: (await ctx.store.listDeliveries(ws.id, limit)).map((d) => deliveryJson(d, full)) };
  });
}
