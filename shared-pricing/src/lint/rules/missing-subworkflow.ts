import { estimatorProblems, reportProblems } from '../helpers/estimatorProblems';
import type { LintRule } from '../types';

/**
 * An Execute Workflow node whose workflow was not found beside this one (or is not a valid
 * workflow): its cost is left out of the estimate. A workflow chosen at run time by an
 * expression stays an info remark of the estimate, not a finding.
 */
export const missingSubworkflow: LintRule = {
  meta: {
    id: 'missing-subworkflow',
    description: 'A called sub-workflow was not found or is not a valid workflow: its cost is not included.',
    docs: 'docs/rules/missing-subworkflow.md',
    rationale: "The called workflow's cost is part of every execution, but the estimate adds nothing for a call it cannot read.",
    fix: "Export the sub-workflow next to its caller (by path or id), or turn the rule off when sub-workflows live elsewhere.",
    defaultSeverity: 'warning',
    options: {
      maxPerKind: { type: 'integer', minimum: 1, default: 3, description: 'Report at most this many missing sub-workflows per workflow, then one finding that counts the rest.' },
    },
    messages: {
      problem: '{reason}',
      more: '{count} more missing sub-workflows, the next: {reason}',
    },
  },
  check(context) {
    reportProblems(context, estimatorProblems(context.analysis, 'missing-subworkflow'), context.options.maxPerKind as number);
  },
};
