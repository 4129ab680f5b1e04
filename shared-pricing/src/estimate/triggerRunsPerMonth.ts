import { messages } from '../errors';
import type { AssumptionResolver } from './createAssumptionResolver';
import { cronTimesRunsPerMonth } from './cronTimesRunsPerMonth';
import type { ParsedNode } from './parseWorkflowText';
import { scheduleRunsPerMonth, type ScheduleCount } from './scheduleRunsPerMonth';
import type { AssumptionSource, Finding } from './types';

export interface TriggerProjection {
  runsPerMonth: number;
  /** Polling triggers start an execution only when a poll finds something, so their minimum is 0. */
  min: number;
  basis: string;
  source: AssumptionSource;
}

const MANUAL = new Set(['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.start']);
const SUB_WORKFLOW = new Set(['n8n-nodes-base.executeWorkflowTrigger']);

/**
 * How often one trigger starts the workflow per month: from its schedule (Schedule Trigger,
 * Cron, Interval, polling `pollTimes`), or else from the `runsPerMonth` assumption (webhooks,
 * chat, forms, app events; `manualRunsPerMonth` for manual triggers). A `runs=` override in the
 * node's notes or config wins over a schedule. A schedule that cannot be read is a finding.
 */
export function triggerRunsPerMonth(node: ParsedNode, resolver: AssumptionResolver, findings: Finding[]): TriggerProjection {
  const override = resolver.override('runsPerMonth', node);
  const sourceOf = (name: string) => resolver.uses.find((u) => u.name === name && u.node === node.name)?.source ?? 'default';
  if (override !== undefined) return { runsPerMonth: override, min: override, basis: `runsPerMonth = ${override} (assumption)`, source: sourceOf('runsPerMonth') };
  const p = node.parameters;
  let count: ScheduleCount | undefined;
  let polling = false;
  if (node.type === 'n8n-nodes-base.scheduleTrigger') count = scheduleRunsPerMonth(p.rule);
  else if (node.type === 'n8n-nodes-base.cron') count = cronTimesRunsPerMonth(p.triggerTimes, 'everyDay');
  else if (node.type === 'n8n-nodes-base.interval') count = intervalNode(p);
  else if (p.pollTimes !== undefined) {
    count = cronTimesRunsPerMonth(p.pollTimes, 'everyMinute');
    polling = true;
  }
  if (count?.ok) return { runsPerMonth: count.runsPerMonth, min: polling ? 0 : count.runsPerMonth, basis: polling ? `polls ${count.basis}; each poll assumed to find new data` : count.basis, source: 'schedule' };
  if (count && !count.ok) findings.push({ ruleId: 'estimate/bad-schedule', severity: 'warning', range: node.range, node: node.name, message: messages.badSchedule(node.name, `${count.reason}; the runsPerMonth assumption is used instead`) });
  if (SUB_WORKFLOW.has(node.type)) return { runsPerMonth: 0, min: 0, basis: 'called by other workflows; its cost is counted in the callers', source: 'default' };
  const name = MANUAL.has(node.type) ? 'manualRunsPerMonth' : 'runsPerMonth';
  const runs = resolver.get(name, node);
  return { runsPerMonth: runs, min: runs, basis: `${name} = ${runs} (assumption)`, source: sourceOf(name) };
}

function intervalNode(p: Record<string, unknown>): ScheduleCount {
  const value = Number(p.interval ?? 1);
  if (!Number.isFinite(value) || value <= 0) return { ok: false, reason: `interval ${JSON.stringify(p.interval)} is not a number > 0` };
  const seconds = value * (p.unit === 'hours' ? 3600 : p.unit === 'minutes' ? 60 : 1);
  return { ok: true, runsPerMonth: (30 * 86400) / seconds, basis: `every ${value} ${String(p.unit ?? 'seconds')} × 30 days` };
}
