import { randomUUID } from 'node:crypto';
import { dayAt } from '../../../shared-pricing/src/accounting/dayAt';
import { daysBefore } from '../../../shared-pricing/src/accounting/daysBefore';
import { iso } from '../store/rows';
import type { AlertDeliveryInput, LedgerStore, Workspace } from '../store/types';
import { alertConditions, type AlertCondition, type AlertFacts } from './conditions';
import { alertSettingsOf, type AlertSettings } from './settings';

/** The JSON body of a webhook delivery (and the facts of an e-mail). */
export interface AlertPayload {
  id: string;
  event: AlertCondition['event'];
  workspaceId: string;
  workspaceName: string;
  occurredAt: string;
  message: string;
  data: Record<string, unknown>;
  balance: { totalAvailable: number; allocation: number; periodStart: string; resetsAt: string };
}

function deliveries(c: AlertCondition, ws: Workspace, settings: AlertSettings, facts: AlertFacts, now: number): AlertDeliveryInput[] {
  const payload: AlertPayload = {
    id: randomUUID(), event: c.event, workspaceId: ws.id, workspaceName: ws.name, occurredAt: iso(now), message: c.message, data: c.data,
    balance: { totalAvailable: facts.card.totalAvailable, allocation: facts.card.allocation, periodStart: facts.card.periodStart, resetsAt: facts.card.resetsAt },
  };
  const body = JSON.stringify(payload);
  const out: AlertDeliveryInput[] = [];
  if (settings.email) out.push({ alertId: payload.id, event: c.event, channel: 'email', target: settings.email, payload: body });
  if (settings.webhookUrl) out.push({ alertId: payload.id, event: c.event, channel: 'webhook', target: settings.webhookUrl, payload: body });
  return out;
}

/**
 * Reads a workspace's balance and usage, finds the alert conditions that hold and records them: each fires once
 * per crossing (the store's marks decide), and its deliveries are queued with the mark. Returns what fired.
 */
export async function evaluateAlerts(store: LedgerStore, workspaceId: string, now: number): Promise<AlertCondition[]> {
  const ws = await store.getWorkspace(workspaceId);
  if (!ws) return [];
  const settings = alertSettingsOf(await store.getAlertSettings(workspaceId));
  // Nowhere to send: nothing to read (this runs after every write). A crossing still true once a channel is set fires then.
  if (!settings.email && !settings.webhookUrl) return [];
  const card = await store.balance(workspaceId);
  const today = dayAt(now, ws.timeZone);
  const spike = settings.spikeFactor !== null;
  const [openCircuits, todayUsage, trailing] = await Promise.all([
    settings.events.circuitOpen ? store.openCircuits(workspaceId) : [],
    spike ? store.workflowUsage(workspaceId, iso(today.start), iso(now + 1)) : [],
    spike ? store.workflowUsage(workspaceId, iso(daysBefore(today.start, settings.spikeDays, ws.timeZone)), iso(today.start)) : [],
  ]);
  const facts: AlertFacts = { card, day: today.key, openCircuits, today: todayUsage, trailing };
  const conditions = alertConditions(settings, facts);
  const byKey = new Map(conditions.map((c) => [c.key, c]));
  const fired = await store.recordAlerts({
    workspaceId,
    active: conditions.map((c) => ({ key: c.key, scope: c.scope, learnFirst: c.learnFirst })),
    keep: ['renewed'],
    deliveriesFor: (keys) => keys.flatMap((k) => deliveries(byKey.get(k)!, ws, settings, facts, now)),
  });
  return fired.map((k) => byKey.get(k)!);
}
