import type { ParsedNode } from './parseWorkflowText';
import type { WorkflowRef } from './types';

/** What an Execute Workflow node calls: a reference, the workflow itself, or something only known at run time. */
export type CallTarget = { kind: 'ref'; ref: WorkflowRef } | { kind: 'self' } | { kind: 'dynamic'; text: string };

/**
 * Reads the workflow an Execute Workflow node calls: by id (`workflowId`, a string or a
 * resource locator `{__rl, value}`), by file (`source: localFile`, `workflowPath`) or inline
 * (`source: parameter`, `workflowJson`). `={{ $workflow.id }}` is the calling workflow itself.
 */
export function workflowRef(node: ParsedNode): CallTarget {
  const p = node.parameters;
  const source = typeof p.source === 'string' ? p.source : 'database';
  if (source === 'localFile') return literal(p.workflowPath, 'path', node.name);
  if (source === 'parameter') return typeof p.workflowJson === 'string' && !p.workflowJson.startsWith('=') ? { kind: 'ref', ref: { source: 'inline', value: p.workflowJson, fromNode: node.name } } : { kind: 'dynamic', text: 'an inline workflow given by an expression' };
  if (source === 'url') return { kind: 'dynamic', text: `the workflow at URL ${String(p.workflowUrl ?? '')}` };
  const raw = p.workflowId;
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).value : raw;
  if (typeof value === 'string' && /^=\s*\{\{\s*\$workflow\.id\s*\}\}\s*$/.test(value)) return { kind: 'self' };
  return literal(value, 'id', node.name);
}

function literal(value: unknown, source: 'id' | 'path', fromNode: string): CallTarget {
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string' || !value.trim()) return { kind: 'dynamic', text: `a workflow with no ${source} set` };
  if (value.startsWith('=')) return { kind: 'dynamic', text: `a workflow chosen at run time (${value.slice(0, 60)})` };
  return { kind: 'ref', ref: { source, value: value.trim(), fromNode } };
}
