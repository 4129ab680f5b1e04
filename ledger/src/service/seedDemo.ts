import { priceExecution } from '../../../shared-pricing/src/execution/priceExecution';
import type { PricingState } from '../../../shared-pricing/src/execution/types';
import { priceBookOf } from '../http/pricing';
import type { ChargeInput, LedgerStore, Workspace } from '../store/types';
import { DEMO_WORKFLOWS, demoRunData } from './demoWorkflows';

const DAY_MS = 86_400_000;

export interface DemoSummary {
  executions: number;
  charges: number;
  millicredits: number;
}

/**
 * Fills a workspace with usage by pricing the demo workflows' executions of the last `days` days of
 * the current period (never before it starts), so a newcomer sees real numbers on the billing page.
 * Idempotent: execution ids are fixed per day, so seeding twice records nothing new.
 */
export async function seedDemo(store: LedgerStore, ws: Workspace, now: number, days = 14): Promise<DemoSummary> {
  const book = priceBookOf(ws.plan);
  const periodStart = Date.parse(ws.periodStart);
  const first = Math.max(periodStart, now - (days - 1) * DAY_MS);
  let state: PricingState = { helperRuns: 0 };
  const summary: DemoSummary = { executions: 0, charges: 0, millicredits: 0 };
  for (let day = first; day <= now; day += DAY_MS) {
    const dayText = new Date(day).toISOString().slice(0, 10);
    const inputs: ChargeInput[] = [];
    for (const demo of DEMO_WORKFLOWS) {
      // Quieter at weekends, so the chart has a shape.
      const weekday = new Date(day).getUTCDay();
      const runs = weekday === 0 || weekday === 6 ? Math.ceil(demo.perDay / 3) : demo.perDay;
      for (let i = 0; i < runs; i++) {
        const at = Math.min(now, day + i * 60_000);
        const executionId = `demo-${dayText}-${demo.workflow.id}-${i}`;
        const run = { executionId, mode: 'trigger', status: 'success', data: { resultData: { runData: demoRunData(demo, at) } } };
        const priced = priceExecution(run, demo.workflow, book, ws.plan, state);
        state = priced.state;
        summary.executions++;
        for (const c of priced.charges) {
          inputs.push({
            workspaceId: ws.id, key: c.key, millicredits: c.millicredits, workflowId: demo.workflow.id, workflowName: demo.workflow.name,
            executionId, nodeName: c.nodeName, nodeType: c.nodeType || null, runIndex: c.runIndex, mode: 'trigger', kind: c.kind,
            model: c.model ?? null, tokens: c.tokens ?? null, status: 'success', occurredAt: new Date(at).toISOString(),
          });
        }
      }
    }
    if (inputs.length === 0) continue;
    const outcomes = await store.chargeBatch(inputs);
    outcomes.forEach((o) => {
      if (o.status === 'recorded') {
        summary.charges++;
        summary.millicredits += o.entry.millicredits;
      }
    });
  }
  return summary;
}
