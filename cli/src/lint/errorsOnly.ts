import type { FileLintResult } from './lintFiles';

/** The results with their warnings left out (`--quiet`): what a report shows when only errors matter. */
export function errorsOnly(results: readonly FileLintResult[]): FileLintResult[] {
  return results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') }));
}
