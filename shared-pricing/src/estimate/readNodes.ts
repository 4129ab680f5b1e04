import { messages } from '../errors';
import type { NodeLocation } from '../document/types';
import type { ParsedNode, ParsedWorkflow } from './parseWorkflowText';
import type { Finding } from './types';

/**
 * Turns the raw `nodes` array into typed nodes with their source ranges (`spans[i]` is where
 * element i is). An element that is not an object, or has no name or type, is
 * skipped with a finding on its line; a repeated name is a finding too.
 */
export function readNodes(raw: readonly unknown[], spans: readonly NodeLocation[], rangeOf: ParsedWorkflow['rangeOf'], findings: Finding[]): ParsedNode[] {
  const nodes: ParsedNode[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const span = spans[i];
    const range = rangeOf(span?.offset ?? 0, span?.length ?? 0);
    const node = raw[i];
    if (!isRecord(node)) {
      findings.push({ ruleId: 'estimate/bad-node', severity: 'error', range, message: messages.badNode(i, 'it is not an object') });
      continue;
    }
    const name = typeof node.name === 'string' ? node.name : undefined;
    if (!name || typeof node.type !== 'string' || !node.type) {
      findings.push({ ruleId: 'estimate/bad-node', severity: 'error', range, node: name, message: messages.badNode(i, name ? `node "${name}" has no type` : 'it has no name') });
      continue;
    }
    if (seen.has(name)) findings.push({ ruleId: 'estimate/duplicate-node', severity: 'warning', range, node: name, message: messages.duplicateNode(name) });
    seen.add(name);
    nodes.push({
      name,
      type: node.type,
      typeVersion: typeof node.typeVersion === 'number' ? node.typeVersion : 1,
      id: typeof node.id === 'string' ? node.id : undefined,
      parameters: isRecord(node.parameters) ? node.parameters : {},
      disabled: node.disabled === true,
      executeOnce: node.executeOnce === true,
      notes: typeof node.notes === 'string' ? node.notes : undefined,
      onError: typeof node.onError === 'string' ? node.onError : undefined,
      range,
    });
  }
  return nodes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
