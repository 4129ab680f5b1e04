import type { FileLintResult } from '../lint/lintFiles';
import { changeJson } from './changeJson';
import { jsonDocument } from './jsonDocument';

/** ESLint's message severities: 1 warning, 2 error. */
const SEVERITY = { warning: 1, error: 2 } as const;

/**
 * The `lint --format json` document in the shape of ESLint's `json` formatter, so tools that read ESLint's
 * report (annotators, review bots, dashboards) read ours: an array with one result per file — `filePath`
 * (absolute), `messages` (`ruleId`, `severity` 1 or 2, `message`, 1-based `line` and `column`, `fatal` for a file
 * n8n could not import), `suppressedMessages`, the error and warning counts and `usedDeprecatedRules`. What ESLint
 * has no field for sits beside it: on a message `messageId`, `node`, `fingerprint`, `detail`; on a result
 * `n8nCredits` with the workflow's costs (millicredits) and its `--baseline` change.
 */
export function formatLintEslintJson(results: readonly FileLintResult[]): string {
  return jsonDocument(results.map(eslintResult));
}

function eslintResult(r: FileLintResult): Record<string, unknown> {
  const messages: Array<Record<string, unknown>> = r.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: SEVERITY[f.severity],
    message: f.message,
    line: f.range.line ?? 1,
    column: f.range.column ?? 1,
    // ESLint marks a file it could not parse `fatal`; a workflow that is not JSON is that case.
    ...(f.ruleId === 'invalid-json' ? { fatal: true } : {}),
    messageId: f.messageId,
    ...(f.node !== undefined ? { node: f.node } : {}),
    fingerprint: f.fingerprint,
    ...(f.detail !== undefined ? { detail: f.detail } : {}),
  }));
  // A file that could not be read or crashed the analysis: ESLint's fatal message with no rule.
  if (r.error !== undefined) messages.unshift({ ruleId: null, severity: 2, message: r.error, line: 1, column: 1, fatal: true });
  const errors = messages.filter((m) => m.severity === 2);
  return {
    filePath: r.file,
    messages,
    suppressedMessages: [],
    errorCount: errors.length,
    fatalErrorCount: errors.filter((m) => m.fatal === true).length,
    warningCount: messages.length - errors.length,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
    n8nCredits: workflowJson(r),
  };
}

function workflowJson(r: FileLintResult): Record<string, unknown> {
  const a = r.analysis;
  return {
    workflow: a?.ok === true,
    ...(a?.name !== undefined ? { name: a.name } : {}),
    ...(a?.ok ? { perExecutionMillicredits: a.perExecution, perMonthMillicredits: a.monthly.credits, runsPerMonth: a.monthly.runsPerMonth } : {}),
    ...(r.change ? { change: changeJson(r.change) } : {}),
  };
}
