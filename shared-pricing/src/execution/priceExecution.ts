import { messages, PricingError } from '../errors';
import type { PriceBook } from '../price-book/types';
import type { Plan } from '../plans/types';
import { chargeKey } from './chargeKey';
import { nextPricingState } from './nextPricingState';
import { priceNodeRun } from './priceNodeRun';
import { readNodeRuns } from './readNodeRuns';
import type { Charge, ExecutionRun, PricedExecution, PricingState, Workflow } from './types';

/** The node name of the nominal per-execution charge (`executionId:(execution):0:nominal`). */
export const EXECUTION_NODE = '(execution)';

/**
 * Prices one n8n execution: one charge per priced node run (keys `executionId:nodeName:runIndex:kind`),
 * plus the book's nominal charge once per execution. Pure: returns the next state and never
 * mutates its inputs. Editor runs (mode `manual`) cost nothing when the plan says so; a failed
 * node run is charged only when `plan.chargeFailedStep`; runs that cannot be priced are listed
 * in `skipped` with the reason. Charges of 0 millicredits are not listed. A token count that is present
 * but not a whole number ≥ 0 throws a `PricingError` naming its path (`runData["Model"][0].data…`).
 */
export function priceExecution(run: ExecutionRun, workflow: Workflow, priceBook: PriceBook, plan: Plan, state: PricingState = { helperRuns: 0 }): PricedExecution {
  if (typeof run !== 'object' || run === null) throw new PricingError('invariant', messages.badExecution(`expected an execution object, got ${run === null ? 'null' : typeof run}`));
  const executionId = run.executionId;
  if (typeof executionId !== 'string' || !executionId) throw new PricingError('invariant', messages.badExecution('it has no executionId, so its charges would have no idempotency key'));
  const helperBefore = Number.isSafeInteger(state?.helperRuns) && state.helperRuns >= 0 ? state.helperRuns : 0;

  if (run.mode === 'manual' && plan.editorRunsFree) {
    return { executionId, charges: [], totalMillicredits: 0, skipped: [], notes: [`editor run (mode "manual"): free under plan "${plan.name}"`], state: { ...state, helperRuns: helperBefore } };
  }

  const { runs, skipped } = readNodeRuns(run, workflow);
  const charges: Charge[] = [];
  const notes: string[] = [];
  const alreadyCounted = state?.helperRunsCounted?.[executionId] ?? 0;
  const pricedNodes = new Set<string>();
  let helperRuns = helperBefore;
  let helperSeen = 0;
  for (const read of runs) {
    const priced = priceNodeRun(read, {
      executionId, book: priceBook, workflow, chargeFailedStep: plan.chargeFailedStep, helperRuns,
      countHelper: helperSeen >= alreadyCounted, firstRunOfNode: !pricedNodes.has(read.nodeName),
    });
    // Helper runs are numbered within the execution so that a re-priced execution skips those counted before.
    if (priced.helperRun) helperSeen++;
    pricedNodes.add(read.nodeName);
    charges.push(...priced.charges);
    skipped.push(...priced.skipped);
    notes.push(...priced.notes);
    helperRuns = priced.helperRuns;
  }
  if (priceBook.nominalPerExecution > 0) {
    charges.push({
      key: chargeKey(executionId, EXECUTION_NODE, 0, 'nominal'), executionId, nodeName: EXECUTION_NODE, nodeType: '', runIndex: 0, kind: 'nominal',
      className: '(nominal)', units: 1, millicredits: priceBook.nominalPerExecution, reason: `nominal charge of ${priceBook.nominalPerExecution} mc per execution`, explicit: true,
    });
  }
  const totalMillicredits = charges.reduce((sum, c) => sum + c.millicredits, 0);
  return { executionId, charges, totalMillicredits, skipped, notes, state: nextPricingState(state, helperRuns, executionId, Math.max(helperSeen, alreadyCounted)) };
}
