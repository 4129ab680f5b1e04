import type { FileLintResult } from '../lint/lintFiles';
import type { LintSummary } from '../lint/summarize';
import { paint as noPaint, type Paint } from './color';
import { formatChange } from './formatChange';

export interface StylishOptions {
  paint?: Paint;
  /** Print each finding's longer detail under it (`--verbose`). */
  verbose?: boolean;
  /** Warnings left out of `results` by `--quiet`, counted in the summary line so they are not lost. */
  hiddenWarnings?: number;
}

/**
 * ESLint's "stylish" layout: the file's absolute path, then `line:column  severity  message  rule` per finding
 * (with `verbose`, the finding's detail on the next line); a one-line reason for a file that could not be linted;
 * the cost change with `--baseline`; and a summary line.
 */
export function formatStylish(results: readonly FileLintResult[], summary: LintSummary, options: StylishOptions = {}): string {
  const paint = options.paint ?? noPaint(false);
  const out: string[] = [];
  for (const r of results) {
    if (r.findings.length === 0 && r.error === undefined && r.change === undefined) continue;
    out.push(paint.bold(r.file));
    if (r.error !== undefined) out.push(`  ${paint.red(r.error)}`);
    const rows = r.findings.map((f) => [`${f.range.line ?? 1}:${f.range.column ?? 1}`, f.severity, f.message, f.ruleId]);
    const width = [0, 1].map((i) => Math.max(0, ...rows.map((row) => (row[i] as string).length)));
    r.findings.forEach((f, i) => {
      const [place, severity, message, rule] = rows[i] as string[];
      const level = severity === 'error' ? paint.red : paint.yellow;
      out.push(`  ${paint.dim((place as string).padEnd(width[0] as number))}  ${level((severity as string).padEnd(width[1] as number))}  ${message}  ${paint.dim(rule as string)}`);
      if (options.verbose && f.detail !== undefined) out.push(`  ${' '.repeat((width[0] as number) + (width[1] as number) + 4)}${paint.dim(f.detail)}`);
    });
    if (r.change) out.push(`  cost: ${formatChange(r.change)}`);
    out.push('');
  }
  out.push(summaryLine(summary, options.hiddenWarnings ?? 0, paint));
  return out.join('\n') + '\n';
}

function summaryLine(summary: LintSummary, hidden: number, paint: Paint): string {
  const problems = summary.errors + summary.warnings;
  const counts = `${problems} problem${problems === 1 ? '' : 's'} (${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'})`;
  const files = `${summary.files} file${summary.files === 1 ? '' : 's'}: ${summary.workflows} workflow${summary.workflows === 1 ? '' : 's'}, ${summary.notWorkflows} not a workflow, ${summary.failed} failed`;
  const quiet = hidden > 0 ? `; ${hidden} warning${hidden === 1 ? '' : 's'} not shown (--quiet)` : '';
  const colour = summary.errors ? paint.red : summary.warnings || hidden ? paint.yellow : paint.green;
  return colour(`${problems ? '✖' : '✔'} ${counts} in ${files}${quiet}`);
}
