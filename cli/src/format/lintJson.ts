import { formatCredits } from '../pricing';
import type { FileLintResult } from '../lint/lintFiles';
import type { LintSummary } from '../lint/summarize';

/**
 * The `--format json` document: per file its workflow name, costs (millicredits), findings
 * with 1-based lines and fingerprints, the one-line reason it failed, and the baseline change.
 */
export function formatLintJson(results: readonly FileLintResult[], summary: LintSummary): string {
  const files = results.map((r) => ({
    file: r.uri,
    workflow: r.analysis?.ok === true,
    ...(r.analysis?.name !== undefined ? { name: r.analysis.name } : {}),
    ...(r.analysis?.ok ? { perExecution: r.analysis.perExecution, perMonth: r.analysis.monthly.credits, runsPerMonth: r.analysis.monthly.runsPerMonth } : {}),
    ...(r.error !== undefined ? { error: r.error } : {}),
    ...(r.change ? { change: { ...r.change, text: changeText(r) } } : {}),
    findings: r.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: f.range.line ?? 1,
      column: f.range.column ?? 1,
      ...(f.node !== undefined ? { node: f.node } : {}),
      fingerprint: f.fingerprint,
    })),
  }));
  return JSON.stringify({ summary, files }, null, 2) + '\n';
}

function changeText(r: FileLintResult): string {
  const delta = r.change?.delta ?? 0;
  return `${delta >= 0 ? '+' : '-'}${formatCredits(Math.abs(delta))} credits/month`;
}
