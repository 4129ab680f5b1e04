import { estimatorProblems, reportProblems } from '../helpers/estimatorProblems';
import type { LintRule } from '../types';

/**
 * Reports what the estimator found wrong with the workflow itself: not a workflow, nodes without
 * types, connections to missing nodes, absurd parameters. Broken JSON, cycles and missing
 * sub-workflows have rules of their own (`PROBLEM_OWNERS`).
 */
export const invalidWorkflow: LintRule = {
  meta: {
    id: 'invalid-workflow',
    description: 'The file is not a workflow, or the workflow has structural problems the estimate had to work around.',
    docs: 'docs/rules/invalid-workflow.md',
    rationale: "An estimate of a broken workflow is partial: the linter says what it could not price and where, rather than print a silent zero.",
    fix: "Remove the dangling connection, give the node its type, or leave JSON files that are not workflows out of the globs.",
    defaultSeverity: 'warning',
    options: {
      maxPerKind: { type: 'integer', minimum: 1, default: 1, description: 'Report at most this many problems of one kind per workflow, then one finding that counts the rest.' },
    },
    messages: {
      notWorkflow: '{reason}; nothing to estimate',
      problem: '{reason}',
      more: '{count} more problems of this kind, the next: {reason}',
    },
  },
  check(context) {
    const { analysis } = context;
    const problems = estimatorProblems(analysis, 'invalid-workflow');
    if (!analysis.ok) {
      // A file that does not parse is invalid-json's finding: one finding, not two.
      if (estimatorProblems(analysis, 'invalid-json').length > 0) return;
      const first = problems[0];
      context.report({ messageId: 'notWorkflow', data: { reason: first?.message ?? 'not an n8n workflow' }, ...(first ? { range: first.range } : {}) });
      return;
    }
    reportProblems(context, problems, context.options.maxPerKind as number);
  },
};
