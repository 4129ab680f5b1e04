import { formatCount } from '../helpers/formatCount';
import { formatCredits } from '../../money/millicredits';
import { isAiNode } from '../helpers/isAiNode';
import type { LintRule } from '../types';

/** An AI step (agent, chain, vendor AI node) inside Loop Over Items pays for its model once per iteration. */
export const aiInLoop: LintRule = {
  meta: {
    id: 'ai-in-loop',
    description: 'AI step inside a loop: its model is called once per iteration.',
    docs: 'docs/rules/ai-in-loop.md',
    rationale: "Every iteration calls the model again with its own prompt and context, and AI steps are the most expensive steps, so the loop multiplies the largest cost.",
    fix: "Aggregate the items and call the model once, raise the loop's batch size, or move the AI step before the loop; raise minRuns if the loop is small on purpose.",
    defaultSeverity: 'warning',
    options: {
      minRuns: { type: 'integer', minimum: 1, default: 2, description: 'Report only when the AI step runs at least this many times per execution (expected).' },
    },
    messages: {
      inLoop: 'AI step "{node}" runs inside loop "{loop}": {runs} runs per execution, {credits} credits; call the model once for the whole batch or move it out of the loop',
    },
  },
  check(context) {
    const minRuns = context.options.minRuns as number;
    for (const node of context.analysis.nodes) {
      if (!isAiNode(node) || !node.reachable || node.loops.length === 0 || node.runs.expected < minRuns) continue;
      context.report({
        messageId: 'inLoop',
        node: node.name,
        data: { node: node.name, loop: node.loops[node.loops.length - 1] as string, runs: formatCount(node.runs.expected), credits: formatCredits(node.totalCredits.expected) },
      });
    }
  },
};
