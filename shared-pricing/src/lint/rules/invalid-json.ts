import { estimatorProblems, reportProblems } from '../helpers/estimatorProblems';
import type { LintRule } from '../types';

/**
 * Broken JSON: a workflow file that does not parse is an error, with its line and column. The
 * estimate of what still parses is partial, so a CI job must not pass it silently.
 */
export const invalidJson: LintRule = {
  meta: {
    id: 'invalid-json',
    description: 'The workflow file is not valid JSON.',
    docs: 'docs/rules/invalid-json.md',
    rationale: "n8n cannot import a file that is not valid JSON, and the estimate of what did parse is partial.",
    fix: "Fix the JSON at the reported line (re-export the workflow from n8n), or leave the file out of the lint globs.",
    defaultSeverity: 'error',
    options: {},
    messages: {
      problem: '{reason}',
      more: '{count} more syntax errors, the next: {reason}',
    },
  },
  check(context) {
    // The estimator reports the first syntax error only: after it, positions mean little.
    reportProblems(context, estimatorProblems(context.analysis, 'invalid-json'), 1);
  },
};
