import type { Finding } from '../../estimate/types';
import type { LintRule } from '../types';

/**
 * Reports what the estimator found wrong with the document itself: not JSON, not a workflow,
 * nodes without types, connections to missing nodes, cycles outside loops, absurd parameters.
 * Many problems of one kind in one workflow (exports with hundreds of dangling connections)
 * are reported `maxPerKind` times and then summed up in one more finding.
 */
export const invalidWorkflow: LintRule = {
  meta: {
    id: 'invalid-workflow',
    description: 'The file is not a workflow, or the workflow has structural problems the estimate had to work around.',
    docs: 'docs/rules/invalid-workflow.md',
    defaultSeverity: 'warning',
    options: {
      maxPerKind: { type: 'integer', minimum: 1, default: 3, description: 'Report at most this many problems of one kind per workflow, then one finding that counts the rest.' },
    },
    messages: {
      notWorkflow: '{reason}; nothing to estimate',
      problem: '{reason}',
      more: '{count} more problems of this kind, the next: {reason}',
    },
  },
  check(context) {
    const { analysis } = context;
    const problems = distinct([...analysis.findings, ...analysis.nodes.flatMap((n) => n.findings)].filter((f) => f.severity !== 'info'));
    if (!analysis.ok) {
      const first = problems[0];
      context.report({ messageId: 'notWorkflow', data: { reason: first?.message ?? 'not an n8n workflow' }, ...(first ? { range: first.range } : {}) });
      return;
    }
    const byKind = new Map<string, Finding[]>();
    for (const finding of problems) {
      const kind = finding.ruleId ?? finding.message;
      const list = byKind.get(kind);
      if (list) list.push(finding);
      else byKind.set(kind, [finding]);
    }
    const max = context.options.maxPerKind as number;
    for (const [kind, findings] of byKind) {
      for (const finding of findings.slice(0, max)) {
        const report = { messageId: 'problem', key: `${kind}:${finding.message}`, range: finding.range, data: { reason: finding.message } };
        context.report(finding.node !== undefined ? { ...report, node: finding.node } : report);
      }
      const rest = findings.slice(max);
      if (rest.length > 0) context.report({ messageId: 'more', key: `${kind}:more`, range: (rest[0] as Finding).range, data: { count: rest.length, reason: (rest[0] as Finding).message } });
    }
  },
};

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
