import { tooDeeplyNested } from '../validation/tooDeeplyNested';
import { lineIndex } from './lineIndex';
import { readTree } from './readTree';
import { scanNodeLocations } from './scanNodeLocations';
import type { WorkflowDocument } from './types';

/**
 * Reads a workflow text once, for every reader (estimate, lint, editor): strict JSON (the
 * usual case) through `JSON.parse` and a scan for node locations; anything else (comments,
 * trailing commas, half-typed text, an unusual shape) through jsonc-parser's tolerant tree.
 * Never throws. Text nested past MAX_JSON_DEPTH is refused whole (`tooDeep`), even valid JSON:
 * recursive code downstream (the tree, JSON.stringify of parameters) would overflow the stack.
 */
export function parseWorkflowDocument(text: string): WorkflowDocument {
  const lines = lineIndex(text);
  let value: unknown;
  let strict = true;
  try {
    value = JSON.parse(text);
  } catch {
    strict = false;
  }
  if (strict) {
    const fast = fromScan(text, value);
    if (fast) return { text, strict, lines, tooDeep: false, ...fast };
  }
  if (tooDeeplyNested(text)) {
    return { text, strict, lines, tooDeep: true, syntaxErrors: [], hasNodes: false, nodes: [], rawNodes: [], connections: undefined, name: undefined, id: undefined, connectionsAt: [0, 1], isWorkflow: false };
  }
  return { text, strict, lines, tooDeep: false, ...readTree(text) };
}

type Parts = Omit<WorkflowDocument, 'text' | 'strict' | 'lines' | 'tooDeep'>;

/** Strict JSON of the plain shape: the parsed value and one scan; undefined when the tree must decide. */
function fromScan(text: string, value: unknown): Parts | undefined {
  const none = { syntaxErrors: [], hasNodes: false, nodes: [], rawNodes: [], connections: undefined, name: undefined, id: undefined, isWorkflow: false };
  const offset = firstNonSpace(text);
  const root = { offset, length: lastNonSpace(text) + 1 - offset, isObject: isRecord(value) };
  // Strict JSON that is no object, or an object without nodes, needs no tree (a lock file, a tsconfig).
  if (!isRecord(value) || !('nodes' in value)) return { ...none, root, connectionsAt: [offset, 1] };
  const scan = scanNodeLocations(text);
  if (!scan) return undefined;
  const hasNodes = Array.isArray(value.nodes);
  if (hasNodes !== (scan.nodesAt >= 0 && text.charCodeAt(scan.nodesAt) === 91)) return undefined;
  const rawNodes = hasNodes ? (value.nodes as unknown[]) : [];
  if (scan.nodes.length !== rawNodes.length) return undefined;
  return {
    syntaxErrors: [],
    root,
    hasNodes,
    nodes: scan.nodes,
    rawNodes,
    connections: value.connections,
    name: value.name,
    id: value.id,
    connectionsAt: [scan.connectionsKeyAt >= 0 ? scan.connectionsKeyAt : 0, 1],
    isWorkflow: hasNodes && text.charCodeAt(scan.connectionsAt) === 123,
  };
}

function firstNonSpace(text: string): number {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) <= 32) i++;
  return i;
}

function lastNonSpace(text: string): number {
  let i = text.length - 1;
  while (i > 0 && text.charCodeAt(i) <= 32) i--;
  return i;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
