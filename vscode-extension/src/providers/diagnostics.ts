import type { Diagnostic, DiagnosticCollection, TextDocument, VscodeApi } from '../api';
import type { Finding } from '../../../shared-pricing/src';
import type { DocumentAnalysis } from '../analysis/analyzeDocument';
import type { WorkflowStore } from '../analysis/workflowStore';
import { toRange } from '../analysis/ranges';

/** `source` of every diagnostic this extension publishes. */
export const DIAGNOSTIC_SOURCE = 'n8n-credits';

/** The diagnostic code when the analysis itself could not run (too large, failed). */
export const ANALYSIS_PROBLEM = 'n8n-credits/analysis';

/** Turns an analysis' findings into diagnostics: severity as lint configured it, `code` = the rule id. */
export function toDiagnostics(api: VscodeApi, entry: DocumentAnalysis): Diagnostic[] {
  if (entry.kind === 'too-large' || entry.kind === 'failed') {
    const d = new api.Diagnostic(new api.Range(new api.Position(0, 0), new api.Position(0, 0)), `n8n Credits: ${entry.message}`, api.DiagnosticSeverity.Warning);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = ANALYSIS_PROBLEM;
    return [d];
  }
  if (entry.kind !== 'workflow') return [];
  const severities = { error: api.DiagnosticSeverity.Error, warning: api.DiagnosticSeverity.Warning, info: api.DiagnosticSeverity.Information };
  return entry.findings.map((finding) => {
    const span = underline(entry, finding);
    const d = new api.Diagnostic(toRange(api, entry, span.offset, span.length), finding.message, severities[finding.severity] ?? api.DiagnosticSeverity.Warning);
    d.source = DIAGNOSTIC_SOURCE;
    if (finding.ruleId) d.code = finding.ruleId;
    return d;
  });
}

/** A finding about a whole node is underlined on the node's name, not over its whole object. */
function underline(entry: DocumentAnalysis, finding: Finding): { offset: number; length: number } {
  const node = finding.node !== undefined ? entry.nodes.get(finding.node) : undefined;
  const whole = node && (finding.range.offset === node.estimate.range.offset || finding.range.offset === node.location?.offset);
  return whole && node.location?.nameRange ? node.location.nameRange : finding.range;
}

/**
 * Keeps the Problems panel in step with the analysis of each open document; a document that
 * is not a workflow gets none, a closed one loses its own.
 */
export function createDiagnostics(api: VscodeApi, store: WorkflowStore, collection: DiagnosticCollection) {
  return {
    update(document: TextDocument): void {
      const entry = store.get(document);
      if (!entry) collection.delete(document.uri);
      else collection.set(document.uri, toDiagnostics(api, entry));
    },
    clear(document: TextDocument): void {
      collection.delete(document.uri);
    },
  };
}
