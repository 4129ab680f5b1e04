import { alertSettingsOf } from '../alerts/settings';
import { may, ownMemberOf, PAGE_ACCESS, type PageSection } from '../http/access';
import type { Role } from '../http/keys';
import { maskTarget, maskUrl } from '../http/mask';
import type { LedgerEntry, LedgerStore, Workspace } from '../store/types';
import { accountStateOf } from './accountState';
import type { DayUsage } from './chart';
import { buildChart } from './chartData';
import { nodeClassesOf } from './nodeClasses';
import type { ExecutionRow, PageModel } from './model';

export interface PageViewer {
  role: Role;
  keyName: string;
  memberId: string | null;
  csrf: string;
  /** Whether a payment provider is configured (packs are bought, not granted). */
  checkout?: boolean;
}

export interface PageQuery {
  workflow?: string;
  nodeType?: string;
  execution?: string;
}

const DAY_MS = 86_400_000;

/** Every day from `first` to `last` (YYYY-MM-DD), with the usage of the days that had any. */
export function fillDays(first: string, last: string, rows: Array<{ key: string; millicredits: number }>, maxDays = 400): DayUsage[] {
  const byDay = new Map(rows.map((r) => [r.key, r.millicredits]));
  const out: DayUsage[] = [];
  let t = Date.parse(`${first}T00:00:00Z`);
  const end = Date.parse(`${last}T00:00:00Z`);
  if (Number.isNaN(t) || Number.isNaN(end)) return rows.map((r) => ({ day: r.key, millicredits: r.millicredits }));
  for (; t <= end && out.length < maxDays; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push({ day, millicredits: byDay.get(day) ?? 0 });
  }
  return out;
}

function executionsOf(entries: LedgerEntry[]): ExecutionRow[] {
  const rows = new Map<string, ExecutionRow>();
  for (const e of entries) {
    const id = e.executionId ?? '';
    if (!id) continue;
    const row = rows.get(id) ?? { executionId: id, workflowName: e.workflowName ?? e.workflowId ?? '', millicredits: 0, entries: 0, at: e.occurredAt };
    row.millicredits += e.millicredits;
    row.entries += 1;
    if (e.occurredAt > row.at) row.at = e.occurredAt;
    rows.set(id, row);
  }
  return [...rows.values()].sort((a, b) => (a.at < b.at ? 1 : -1));
}

/** Whether the viewer's role may see a section of the page (access.ts's PAGE_ACCESS). */
const can = (viewer: PageViewer, section: PageSection): boolean => may(viewer.role, PAGE_ACCESS[section]);

/** Runs `read` only when the viewer may see `section`; null hides it. */
function readIf<T>(viewer: PageViewer, section: PageSection, read: () => Promise<T>): Promise<T | null> {
  return can(viewer, section) ? read() : Promise.resolve(null);
}

/**
 * Reads what the billing page shows from the store: only the sections the viewer's role may read (nothing else is
 * even read), a member's own usage only, and the webhook URL masked for everyone — a page is easily shared.
 * `now` ends the chart's days.
 */
export async function buildPageModel(store: LedgerStore, ws: Workspace, viewer: PageViewer, query: PageQuery, now = Date.now()): Promise<PageModel> {
  const member = ownMemberOf(viewer) ?? undefined;
  const breakdown = (by: 'workflow' | 'nodeType' | 'day') => readIf(viewer, 'usage', () => store.breakdown({ workspaceId: ws.id, by, memberId: member }));
  const [card, byWorkflow, byNodeType, byDay, alerts, deliveries] = await Promise.all([
    readIf(viewer, 'card', () => store.balance(ws.id)),
    breakdown('workflow'),
    breakdown('nodeType'),
    breakdown('day'),
    readIf(viewer, 'alerts', async () => alertModelOf(await store.getAlertSettings(ws.id))),
    readIf(viewer, 'deliveries', () => store.listDeliveries(ws.id, 20)),
  ]);
  const periodStart = (card?.periodStart ?? new Date().toISOString()).slice(0, 10);
  const lastDay = (byDay ?? []).reduce((max, r) => (r.key > max ? r.key : max), new Date().toISOString().slice(0, 10));
  const purchases = await readIf(viewer, 'purchases', () => store.listPurchases(ws.id, 50));
  const model: PageModel = {
    workspaceName: ws.name,
    role: viewer.role,
    keyName: viewer.keyName,
    csrf: viewer.csrf,
    memberScope: member ?? null,
    card: card && {
      allocation: card.allocation, consumed: card.consumedThisPeriod, remaining: card.remaining, rollover: card.rollover,
      topUp: card.topUps, totalAvailable: card.totalAvailable, dailyRemaining: card.dailyRemaining, overdraft: card.overdraft,
      periodStart: card.periodStart, resetAt: card.resetsAt, exhaustion: card.exhaustion,
    },
    daily: byDay && fillDays(periodStart, lastDay, byDay),
    byWorkflow: byWorkflow && byWorkflow.map((r) => ({ key: r.key, label: r.label ?? (r.key || '(unknown)'), millicredits: r.millicredits, entries: r.entries })),
    byNodeType: byNodeType && byNodeType.map((r) => ({ key: r.key, label: r.key || '(execution)', millicredits: r.millicredits, entries: r.entries })),
    plan: can(viewer, 'plan') ? {
      name: ws.plan.name, description: ws.plan.description ?? '', cycle: ws.plan.cycle, allocation: ws.plan.allocation,
      dailyLimit: ws.dailyLimitOverride !== undefined ? ws.dailyLimitOverride : ws.plan.dailyLimit, rolloverCap: ws.plan.rolloverCap, exhaustion: ws.plan.exhaustion,
    } : null,
    packs: can(viewer, 'packs') ? ws.plan.topUps.packs.map((p) => ({ ...p })) : null,
    checkout: viewer.checkout ?? false,
    purchases: purchases && purchases.map((p) => ({ at: p.paidAt ?? p.createdAt, packId: p.packId, millicredits: p.millicredits, amount: p.amount, currency: p.currency, boughtBy: p.boughtBy, status: p.status, sessionId: p.sessionId, paymentId: p.paymentId })),
    alerts,
    deliveries: deliveries && deliveries.map((d) => ({ event: d.event, channel: d.channel, target: maskTarget(d.channel, d.target), status: d.status, attempts: d.attempts, lastError: d.lastError, at: d.sentAt ?? d.createdAt })),
    drill: null,
    timeZone: ws.timeZone,
    chart: can(viewer, 'usage') ? await buildChart(store, ws.id, ws.timeZone, now, member) : null,
    account: card ? accountStateOf(card) : { paused: null, debt: 0 },
    nodeClasses: {},
  };
  if (can(viewer, 'usage')) model.drill = await buildDrill(store, ws, member, query, model);
  model.nodeClasses = nodeClassesOf(ws.plan, [...(model.byNodeType ?? []).map((r) => r.key), ...(model.drill?.kind === 'entries' ? model.drill.rows.map((r) => r.nodeType) : [])]);
  return model;
}

/** The stored alert settings as the page shows them: the secret's flag dropped, the webhook URL masked. */
function alertModelOf(stored: unknown): NonNullable<PageModel['alerts']> {
  const { webhookSecretSet: _secret, webhookUrl, ...rest } = alertSettingsOf(stored);
  return { ...rest, webhookUrl: webhookUrl === null ? null : maskUrl(webhookUrl) };
}

async function buildDrill(store: LedgerStore, ws: Workspace, member: string | undefined, query: PageQuery, model: PageModel): Promise<PageModel['drill']> {
  if (query.execution) {
    let entries = await store.entriesOfExecution(ws.id, query.execution);
    if (member) entries = entries.filter((e) => e.memberId === member);
    return {
      kind: 'entries', title: `Execution ${query.execution}`, executionId: query.execution,
      workflowName: entries.find((x) => x.workflowName)?.workflowName ?? entries.find((x) => x.workflowId)?.workflowId ?? null,
      rows: entries.map((e) => ({
        nodeName: e.nodeName ?? '', nodeType: e.nodeType ?? '', runIndex: e.runIndex ?? 0, kind: e.kind ?? e.type, millicredits: e.millicredits,
        status: e.status ?? '', model: e.model, tokens: e.tokens ? `${e.tokens.input} in / ${e.tokens.output} out` : null, at: e.occurredAt,
      })),
    };
  }
  if (query.workflow !== undefined) {
    const entries = await store.listEntries({ workspaceId: ws.id, workflowId: query.workflow, memberId: member, limit: 1000 });
    const label = model.byWorkflow?.find((r) => r.key === query.workflow)?.label ?? query.workflow;
    return { kind: 'executions', title: `Executions of workflow ${label}`, rows: executionsOf(entries) };
  }
  if (query.nodeType !== undefined) {
    const entries = await store.listEntries({ workspaceId: ws.id, memberId: member, limit: 1000 });
    return { kind: 'executions', title: `Executions with node type ${query.nodeType || '(execution)'}`, rows: executionsOf(entries.filter((e) => (e.nodeType ?? '') === query.nodeType)) };
  }
  return null;
}
