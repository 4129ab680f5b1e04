import type { Finding, WorkflowAnalysis } from '../../estimate/types';
import type { RuleContext } from '../types';

/**
 * Which lint rule reports each kind of estimator finding, so that broken JSON, cycles and missing
 * sub-workflows can be told apart and configured apart. Kinds not listed are `invalid-workflow`'s.
 */
export const PROBLEM_OWNERS: Readonly<Record<string, string>> = {
  'estimate/syntax': 'invalid-json',
  'estimate/cycle': 'retry-cycle',
  'estimate/sub-workflow': 'missing-subworkflow',
};

/** The estimator's warnings and errors (info remarks left out) that `ruleId` reports, each once. */
export function estimatorProblems(analysis: WorkflowAnalysis, ruleId: string): Finding[] {
  const all = [...analysis.findings, ...analysis.nodes.flatMap((n) => n.findings)];
  return distinct(all.filter((f) => f.severity !== 'info' && (PROBLEM_OWNERS[f.ruleId ?? ''] ?? 'invalid-workflow') === ruleId));
}

/**
 * Reports problems grouped by kind: `max` of each kind, then one finding that counts the rest
 * (exports with hundreds of dangling connections would bury every other finding). The rule needs
 * the messages `problem` ('{reason}') and `more` ('{count} more …{reason}').
 */
export function reportProblems(context: RuleContext, problems: Finding[], max: number): void {
  const byKind = new Map<string, Finding[]>();
  for (const finding of problems) {
    const kind = finding.ruleId ?? finding.message;
    const list = byKind.get(kind);
    if (list) list.push(finding);
    else byKind.set(kind, [finding]);
  }
  for (const [kind, findings] of byKind) {
    for (const finding of findings.slice(0, max)) {
      const report = { messageId: 'problem', key: `${kind}:${finding.message}`, range: finding.range, data: { reason: finding.message } };
      context.report(finding.node !== undefined ? { ...report, node: finding.node } : report);
    }
    const rest = findings.slice(max);
    if (rest.length > 0) context.report({ messageId: 'more', key: `${kind}:more`, range: (rest[0] as Finding).range, data: { count: rest.length, reason: (rest[0] as Finding).message } });
  }
}

/** The estimator may list one problem on the workflow and on its node: report it once. */
function distinct(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId ?? ''}\u0000${f.message}\u0000${f.range.offset}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
