import { MAX_JSON_DEPTH, tooDeeplyNested } from '../validation/tooDeeplyNested';
import { getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { WorkflowConnections } from '../execution/types';
import { messages } from '../errors';
import { lineIndex } from './lineIndex';
import { readNodes } from './readNodes';
import { scanNodeRanges } from './scanNodeRanges';
import type { Finding, SourceRange } from './types';

/** A node as read from workflow text, with where its object is. */
export interface ParsedNode {
  name: string;
  type: string;
  typeVersion: number;
  id?: string;
  parameters: Record<string, unknown>;
  disabled: boolean;
  executeOnce: boolean;
  notes?: string;
  onError?: string;
  range: SourceRange;
}

export interface ParsedWorkflow {
  /** False when the text holds no workflow at all (see findings). */
  ok: boolean;
  name?: string;
  id?: string;
  nodes: ParsedNode[];
  connections: WorkflowConnections;
  findings: Finding[];
  rangeOf: (offset: number, length: number) => SourceRange;
  /**
   * The `nodes` array exactly as `JSON.parse` read it (`[]` when there is none), for readers of
   * raw parameters (the lint rules) so they need not parse the text again; undefined when the
   * text is not strict JSON.
   */
  rawNodes?: unknown[];
}

/**
 * Reads workflow text tolerantly: a syntax error becomes a finding with its line, and every
 * node object that still parses is kept, with its source range (jsonc-parser offsets).
 */
export function parseWorkflowText(text: string): ParsedWorkflow {
  const rangeOf = lineIndex(text);
  let value: unknown;
  let strict = true;
  try {
    value = JSON.parse(text);
  } catch {
    strict = false;
  }
  const rawNodes = !strict ? undefined : isRecord(value) && Array.isArray(value.nodes) ? (value.nodes as unknown[]) : [];
  const fast = strict ? fastPath(value, text, rangeOf) : undefined;
  if (fast) return { ...fast, rawNodes };
  // The fast scan gives up past MAX_JSON_DEPTH. Such text is refused whole, even valid JSON: recursive
  // code downstream (jsonc-parser's tree, JSON.stringify of parameters) would overflow the stack.
  if (tooDeeplyNested(text)) {
    const findings: Finding[] = [{ ruleId: 'estimate/not-a-workflow', severity: 'error', range: rangeOf(0, 0), message: messages.tooDeeplyNested('the workflow', MAX_JSON_DEPTH) }];
    return { ok: false, nodes: [], connections: {}, findings, rangeOf, rawNodes: [] };
  }
  return { ...tolerantPath(text, rangeOf), rawNodes };
}

/** Broken JSON, comments or an unusual shape: jsonc-parser's tree, which recovers from errors. */
function tolerantPath(text: string, rangeOf: ParsedWorkflow['rangeOf']): ParsedWorkflow {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const findings: Finding[] = errors.slice(0, 1).map((e) => {
    const range = rangeOf(e.offset, e.length);
    return { ruleId: 'estimate/syntax', severity: 'error', range, message: messages.invalidJson('workflow', range.line ?? 1, range.column ?? 1, printParseErrorCode(e.error)) };
  });
  const empty: ParsedWorkflow = { ok: false, nodes: [], connections: {}, findings, rangeOf };
  if (!root || root.type !== 'object') {
    findings.push({ ruleId: 'estimate/not-a-workflow', severity: 'error', range: rangeOf(root?.offset ?? 0, root?.length ?? 0), message: messages.notAWorkflow('the document is not a JSON object') });
    return empty;
  }
  const nodesProp = property(root, 'nodes');
  if (!nodesProp || nodesProp.type !== 'array') {
    findings.push({ ruleId: 'estimate/not-a-workflow', severity: 'error', range: rangeOf(root.offset, 1), message: messages.notAWorkflow('it has no "nodes" array') });
    return empty;
  }
  const trees = nodesProp.children ?? [];
  const nodes = readNodes(getNodeValue(nodesProp) as unknown[], trees.map((t) => [t.offset, t.length]), rangeOf, findings);
  const connectionsProp = property(root, 'connections');
  const rawConnections: unknown = connectionsProp && getNodeValue(connectionsProp);
  const nameProp = property(root, 'name');
  const idProp = property(root, 'id');
  return finish(findings, nodes, rawConnections, nameProp && getNodeValue(nameProp), idProp && getNodeValue(idProp), rangeOf, connectionsProp ? [connectionsProp.offset, connectionsProp.length] : [root.offset, 1]);
}

/** Valid JSON (the usual case) goes through the native parser and a bracket scan for offsets. */
function fastPath(value: unknown, text: string, rangeOf: ParsedWorkflow['rangeOf']): ParsedWorkflow | undefined {
  if (!isRecord(value) || !Array.isArray(value.nodes)) return undefined;
  const ranges = scanNodeRanges(text);
  if (!ranges || ranges.length !== value.nodes.length) return undefined;
  const findings: Finding[] = [];
  const nodes = readNodes(value.nodes, ranges, rangeOf, findings);
  const at = text.indexOf('"connections"');
  return finish(findings, nodes, value.connections, value.name, value.id, rangeOf, [at >= 0 ? at : 0, 1]);
}

function finish(findings: Finding[], nodes: ParsedNode[], rawConnections: unknown, name: unknown, id: unknown, rangeOf: ParsedWorkflow['rangeOf'], connectionsAt: [number, number]): ParsedWorkflow {
  const connections = isRecord(rawConnections) ? (rawConnections as WorkflowConnections) : {};
  if (rawConnections !== undefined && !isRecord(rawConnections)) findings.push({ ruleId: 'estimate/bad-connections', severity: 'error', range: rangeOf(connectionsAt[0], connectionsAt[1]), message: messages.badConnections() });
  return { ok: true, name: typeof name === 'string' ? name : undefined, id: typeof id === 'string' || typeof id === 'number' ? String(id) : undefined, nodes, connections, findings, rangeOf };
}

function property(object: JsonNode, key: string): JsonNode | undefined {
  for (const prop of object.children ?? []) {
    if (prop.children?.[0]?.value === key) return prop.children[1];
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
