import { formatCredits } from '../money/formatCredits';
import { classifyNode } from '../price-book/classifyNode';
import { priceUnit } from '../price-book/priceUnit';
import type { PriceBook } from '../price-book/types';
import { chargeKey } from './chargeKey';
import { countItems } from './countItems';
import { priceTokenRun } from './priceTokenRun';
import type { ReadNodeRun } from './readNodeRuns';
import type { Charge, SkippedRun, Workflow } from './types';

/** What `priceNodeRun` needs besides the run: the book, the plan's failure rule and the counters so far. */
export interface NodeRunContext {
  executionId: string;
  book: PriceBook;
  workflow: Workflow;
  chargeFailedStep: boolean;
  /** The helper counter before this run. */
  helperRuns: number;
  /** False when an earlier pricing of this execution already counted this helper run (resumed after a Wait). */
  countHelper: boolean;
  /** False when the node has already been priced in this execution (for `execution` classes). */
  firstRunOfNode: boolean;
}

export interface PricedNodeRun {
  /** At most one charge; amounts of 0 are not listed. */
  charges: Charge[];
  skipped: SkippedRun[];
  notes: string[];
  /** The helper counter after this run. */
  helperRuns: number;
  /** Whether this run is a helper run (counted now, or by an earlier pricing when `countHelper` was false). */
  helperRun: boolean;
}

/**
 * Prices one node run by its class: `run` once per run, `item` per output item on `main`,
 * `execution` on the node's first run only, `tokens` by model and tokens (attributed to the
 * agent an LLM sub-node serves), `helper` by the counter. A failed run is priced only when the
 * plan charges the failed step.
 */
export function priceNodeRun(read: ReadNodeRun, ctx: NodeRunContext): PricedNodeRun {
  const none = (extra: Partial<PricedNodeRun> = {}): PricedNodeRun => ({ charges: [], skipped: [], notes: [], helperRuns: ctx.helperRuns, helperRun: false, ...extra });
  const { nodeName, runIndex, node } = read;
  if (read.outcome === 'failed' && !ctx.chargeFailedStep) {
    return none({ notes: [`"${nodeName}" failed (run ${runIndex}): not charged, the plan charges only the steps completed before a failure`] });
  }
  const classification = classifyNode(node, ctx.book);
  const { className, costClass } = classification;
  const charge = (kind: Charge['kind'], units: number, millicredits: number, reason: string, extra: Partial<Charge> = {}): Charge => ({
    key: chargeKey(ctx.executionId, nodeName, runIndex, kind), executionId: ctx.executionId, nodeName, nodeType: node.type, runIndex,
    kind, className, units, millicredits, reason, explicit: classification.explicit, ...extra,
  });
  const unpriced = classification.explicit ? '' : ' (no rule matched: fallback class)';
  const listed = (c: Charge) => (c.millicredits > 0 ? [c] : []);

  switch (costClass.unit) {
    case 'run':
      return none({ charges: listed(charge('run', 1, priceUnit(costClass, { units: 1 }), `${className}: ${costClass.rate} mc per run${unpriced}`)) });
    case 'item': {
      const items = countItems(read.run);
      return none({ charges: listed(charge('item', items, priceUnit(costClass, { units: items }), `${className}: ${items} item(s) × ${costClass.rate} mc${unpriced}`)) });
    }
    case 'execution':
      if (!ctx.firstRunOfNode) return none();
      return none({ charges: listed(charge('execution', 1, priceUnit(costClass, { units: 1 }), `${className}: ${costClass.rate} mc once per execution${unpriced}`)) });
    case 'helper': {
      if (!ctx.countHelper) return none({ helperRun: true });
      const amount = priceUnit(costClass, { units: 1, helperRunsBefore: ctx.helperRuns });
      const after = ctx.helperRuns + 1;
      const reason = `${className}: helper run #${after}; ${formatCredits(costClass.rate)} credit(s) every ${costClass.every} helper runs${unpriced}`;
      return none({ charges: listed(charge('helper', costClass.every ?? 1, amount, reason)), helperRuns: after, helperRun: true });
    }
    case 'tokens': {
      const { charge: tokens, skipped } = priceTokenRun(read, classification, ctx.executionId, ctx.book, ctx.workflow);
      return none({ charges: tokens ? listed(tokens) : [], skipped: skipped ? [skipped] : [] });
    }
  }
}
