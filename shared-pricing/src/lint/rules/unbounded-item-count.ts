import type { AssumptionUse } from '../../estimate/types';
import type { LintRule } from '../types';

/** An estimate that rests on a default guess for an item count nobody bounded (pagination, fan-out). */
export const unboundedItemCount: LintRule = {
  meta: {
    id: 'unbounded-item-count',
    description: 'Estimate resting on a default guess for an item count with no upper bound.',
    docs: 'docs/rules/unbounded-item-count.md',
    defaultSeverity: 'warning',
    options: {},
    messages: {
      unbounded: 'the estimate for "{node}" rests on a guessed item count: {name} = {value} (a default, not a bound); {howToChange}',
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
