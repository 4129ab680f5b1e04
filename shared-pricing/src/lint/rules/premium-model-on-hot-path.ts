import { formatCount } from '../helpers/formatCount';
import type { NodeEstimate } from '../../estimate/types';
import { resolveModel } from '../../price-book/resolveModel';
import type { LintRule, RuleContext } from '../types';

/** An expensive model where it runs often: in a loop, many calls per execution, or a busy trigger. */
export const premiumModelOnHotPath: LintRule = {
  meta: {
    id: 'premium-model-on-hot-path',
    description: 'Premium model in a loop, called many times per execution, or in a workflow that runs very often.',
    docs: 'docs/rules/premium-model-on-hot-path.md',
    rationale: "Premium models cost 10 to 20 times their small siblings per token; on a path that runs often they dominate the bill.",
    fix: "Use a smaller model on the hot path, move the premium call out of the loop, or raise the thresholds if the quality is worth it.",
    defaultSeverity: 'warning',
    options: {
      minInputRate: { type: 'integer', minimum: 0, default: 1000, description: 'A model is premium at or above this many millicredits per 1K input tokens.' },
      minCallsPerExecution: { type: 'integer', minimum: 1, default: 10, description: 'Hot when the model is called at least this often per execution (expected).' },
      minRunsPerMonth: { type: 'integer', minimum: 1, default: 10000, description: 'Hot when the workflow runs at least this often per month (expected).' },
    },
    messages: {
      premium: 'premium model "{model}" ({rate} millicredits per 1K input tokens) in "{node}" is on a hot path: {why}; a cheaper model there saves the most',
    },
  },
  check(context) {
    const minRate = context.options.minInputRate as number;
    for (const node of context.analysis.nodes) {
      if (node.model === undefined || node.modelFallback === true || node.disabled || !node.reachable) continue;
      // Through resolveModel, so an alias or dated snapshot finds its canonical rates.
      const resolved = resolveModel(node.model, context.priceBook);
      if (resolved.fallback || resolved.rate.input < minRate) continue;
      const why = hotReason(context, node);
      if (why) context.report({ messageId: 'premium', node: node.name, data: { model: resolved.model, rate: resolved.rate.input, node: node.name, why } });
    }
  },
};

/** Why the node is on a hot path, in words, or undefined when it is not. */
function hotReason(context: RuleContext, node: NodeEstimate): string | undefined {
  const loops = node.loops.length > 0 ? node.loops : (context.node(node.parent ?? '')?.loops ?? []);
  if (loops.length > 0) return `inside loop "${loops[loops.length - 1]}"`;
  const calls = node.llmCalls?.expected ?? node.runs.expected;
  if (calls >= (context.options.minCallsPerExecution as number)) return `${formatCount(calls)} calls per execution`;
  const runs = context.analysis.monthly.runsPerMonth.expected;
  if (runs >= (context.options.minRunsPerMonth as number)) return `the workflow runs ${formatCount(runs)} times a month`;
  return undefined;
}
