import type { FastifyInstance } from 'fastify';
import { principalOf } from '../auth';
import { resolveWorkspace, type AppContext } from '../context';
import { okObject, workspaceQuery } from '../schemas';

/** Alert settings as stored: warn when this period's consumption passes each percentage of the allocation. */
export interface AlertSettings {
  thresholds: number[];
  email: string | null;
  webhookUrl: string | null;
}

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
export function settingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/v1/whoami', {
    config: { roles: ['admin', 'member', 'meter'] },
    schema: { tags: ['keys'], summary: 'The key making the request: role, workspace, member', response: { 200: okObject('The caller') } },
  }, async (request) => {
    const p = principalOf(request);
    const ws = p.workspaceId ? await ctx.store.getWorkspace(p.workspaceId) : null;
    return { keyId: p.keyId, name: p.keyName, role: p.role, memberId: p.memberId, via: p.via, workspace: ws ? { id: ws.id, name: ws.name, plan: ws.plan.name } : null };
  });

  app.get('/v1/alerts', {
    config: { roles: ['admin', 'member'] },
    schema: { tags: ['alerts'], summary: 'The alert settings', querystring: workspaceQuery, response: { 200: okObject('Alert settings') } },
  }, async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    return alertSettingsOf(await ctx.store.getAlertSettings(ws.id));
  });

  app.put<{ Body: AlertSettings }>('/v1/alerts', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['alerts'],
      summary: 'Replace the alert settings',
      querystring: workspaceQuery,
      body: {
        type: 'object',
        required: ['thresholds'],
        additionalProperties: false,
        properties: {
          thresholds: { type: 'array', maxItems: 10, uniqueItems: true, items: { type: 'integer', minimum: 1, maximum: 1000 }, description: 'Percentages of the allocation consumed' },
          email: { type: ['string', 'null'], format: 'email', maxLength: 320 },
          webhookUrl: { type: ['string', 'null'], format: 'uri', pattern: '^https?://', maxLength: 2000 },
        },
      },
      response: { 200: okObject('The saved settings') },
    },
  }, async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    const settings: AlertSettings = { thresholds: [...request.body.thresholds].sort((a, b) => a - b), email: request.body.email ?? null, webhookUrl: request.body.webhookUrl ?? null };
    await ctx.store.setAlertSettings(ws.id, settings);
    return settings;
  });
}
