import type { FileLintResult } from '../lint/lintFiles';
import type { LintSummary } from '../lint/summarize';
import { formatChange } from './formatChange';

/**
 * ESLint's "stylish" layout: the file, then `line:column  severity  message  rule` per finding;
 * a one-line reason for a file that could not be linted; the cost change with `--baseline`;
 * and a summary line.
 */
export function formatStylish(results: readonly FileLintResult[], summary: LintSummary): string {
  const out: string[] = [];
  for (const r of results) {
    if (r.findings.length === 0 && r.error === undefined && r.change === undefined) continue;
    out.push(r.uri);
    if (r.error !== undefined) out.push(`  ${r.error}`);
    const rows = r.findings.map((f) => [`${f.range.line ?? 1}:${f.range.column ?? 1}`, f.severity, f.message, f.ruleId]);
    const width = [0, 1].map((i) => Math.max(0, ...rows.map((row) => (row[i] as string).length)));
    for (const row of rows) out.push(`  ${(row[0] as string).padEnd(width[0] as number)}  ${(row[1] as string).padEnd(width[1] as number)}  ${row[2]}  ${row[3]}`);
    if (r.change) out.push(`  cost: ${formatChange(r.change)}`);
    out.push('');
  }
  const problems = summary.errors + summary.warnings;
  const counts = `${problems} problem${problems === 1 ? '' : 's'} (${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'})`;
  const files = `${summary.files} file${summary.files === 1 ? '' : 's'}: ${summary.workflows} workflow${summary.workflows === 1 ? '' : 's'}, ${summary.notWorkflows} not a workflow, ${summary.failed} failed`;
  out.push(`${problems ? '✖' : '✔'} ${counts} in ${files}`);
  return out.join('\n') + '\n';
}
