import type { FileLintResult } from './lintFiles';

export interface LintSummary {
  files: number;
  /** Files that hold a workflow (analysis ok). */
  workflows: number;
  /** Files that are not JSON or not a workflow. */
  notWorkflows: number;
  /** Files that could not be read or crashed the analysis. */
  failed: number;
  errors: number;
  warnings: number;
}

/** Counts files and findings for the summary line and the exit code. */
export function summarize(results: readonly FileLintResult[]): LintSummary {
  const summary: LintSummary = { files: results.length, workflows: 0, notWorkflows: 0, failed: 0, errors: 0, warnings: 0 };
  for (const r of results) {
    if (r.error !== undefined) summary.failed++;
    else if (r.analysis?.ok) summary.workflows++;
    else summary.notWorkflows++;
    for (const f of r.findings) f.severity === 'error' ? summary.errors++ : summary.warnings++;
  }
  return summary;
}

/**
 * 2 when a file failed (unreadable, internal error) or no file held a workflow; 1 for any error
 * finding or more warnings than allowed; else 0.
 */
export function lintExitCode(summary: LintSummary, maxWarnings: number | undefined): number {
  if (summary.failed > 0 || summary.workflows === 0) return 2;
  if (summary.errors > 0) return 1;
  if (maxWarnings !== undefined && summary.warnings > maxWarnings) return 1;
  return 0;
}
