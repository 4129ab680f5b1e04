import type { WorkflowAnalysis } from './types';
import { workflowSources } from './workflowSources';

/**
 * Whether `analyzeWorkflow` read `text` for this analysis as strict JSON (`JSON.parse` took it):
 * true or false when it did analyse this very text, undefined when that is not known (another
 * text, an analysis made elsewhere, or one kept past the job that made it). Lets a caller that
 * scans the same text for its own offsets skip a parse of its own.
 */
export function parsedStrictly(analysis: WorkflowAnalysis, text: string): boolean | undefined {
  const source = workflowSources.get(analysis)?.deref();
  if (!source || source.text !== text) return undefined;
  return source.rawNodes !== undefined;
}
