import type { AssumptionUse } from '../../estimate/types';
import type { LintRule } from '../types';

/** An estimate that rests on a default guess for an item count nobody bounded (pagination, fan-out). */
export const unboundedItemCount: LintRule = {
  meta: {
    id: 'unbounded-item-count',
    description: 'Estimate resting on a default guess for an item count with no upper bound.',
    docs: 'docs/rules/unbounded-item-count.md',
    rationale: "The estimate multiplies every downstream node by that count: a guessed 10 items that are really 10,000 make it wrong by a factor of 1,000.",
    fix: "State the expected count in the node's notes (credits: items=500) or in .n8n-credits.json, or bound it in the workflow with a limit.",
    // Off by default: it is about how sure the estimate is, not a cost problem; on the public corpus it was most of
    // all warnings. `estimate` lists every assumption; turn the rule on with budgets (docs/rules/unbounded-item-count.md).
    defaultSeverity: 'off',
    options: {},
    messages: {
      unbounded: '"{node}": {name} = {value} is a guess, not a bound',
    },
    details: {
      unbounded: 'the estimate multiplies what follows by it; {howToChange}',
    },
  },
  check(context) {
    const seen = new Set<string>();
    const uses: AssumptionUse[] = [...context.analysis.assumptions, ...context.analysis.nodes.flatMap((n) => n.assumptions)];
    for (const use of uses) {
      if (use.unbounded !== true || use.source !== 'default') continue;
      const key = `${use.node ?? ''}\u0000${use.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const report = { messageId: 'unbounded', key: use.name, data: { node: use.node ?? context.analysis.name ?? 'workflow', name: use.name, value: use.value, howToChange: use.howToChange } };
      context.report(use.node !== undefined ? { ...report, node: use.node } : report);
    }
  },
};
