import { estimatorProblems, reportProblems } from '../helpers/estimatorProblems';
import type { LintRule } from '../types';

/**
 * Connections that loop back outside a Loop Over Items node: in n8n usually a retry or polling
 * loop (Wait → check → IF → back), a normal pattern. The estimate counts each node on it once per
 * pass, so the rule is off by default; turn it on to see where a retry's cost is not multiplied.
 */
export const retryCycle: LintRule = {
  meta: {
    id: 'retry-cycle',
    description: 'A cycle outside a Loop Over Items node (a retry or polling loop): the estimate counts it once.',
    docs: 'docs/rules/retry-cycle.md',
    rationale: "A retry or polling loop is a normal n8n pattern, but the estimate cannot know how often it goes round and counts one pass.",
    fix: "Nothing to fix when the retry is intended; to bound its cost, cap the retries with a counter or use the node's Retry On Fail.",
    defaultSeverity: 'off',
    options: {
      maxPerKind: { type: 'integer', minimum: 1, default: 3, description: 'Report at most this many cycles per workflow, then one finding that counts the rest.' },
    },
    messages: {
      problem: '{reason}',
      more: '{count} more cycles, the next: {reason}',
    },
  },
  check(context) {
    reportProblems(context, estimatorProblems(context.analysis, 'retry-cycle'), context.options.maxPerKind as number);
  },
};
