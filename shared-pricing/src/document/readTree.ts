import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { NodeLocation, WorkflowDocument } from './types';

/** The parts of a workflow document read from text that is not strict JSON (or not of the plain shape). */
export type TreeParts = Omit<WorkflowDocument, 'text' | 'strict' | 'lines' | 'tooDeep'>;

/**
 * Reads text through jsonc-parser's tree, which recovers from syntax errors and allows
 * comments and trailing commas: every node object that still parses keeps its location, so
 * hints stay in place and the estimate goes on while someone types. The caller has checked
 * the nesting depth (the tree is built recursively).
 */
export function readTree(text: string): TreeParts {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const isObject = root?.type === 'object';
  const nodesArray = isObject ? property(root, 'nodes') : undefined;
  const connections = isObject ? property(root, 'connections') : undefined;
  const hasNodes = nodesArray?.type === 'array';
  const children = hasNodes ? nodesArray.children ?? [] : [];
  // A broken or truncated file whose nodes look like n8n nodes is still a workflow: the
  // analysis then reports the syntax error instead of the file going silent.
  const isWorkflow = hasNodes && (connections?.type === 'object' || (errors.length > 0 && children.some((n) => property(n, 'type') !== undefined)));
  return {
    syntaxErrors: errors,
    root: root && { offset: root.offset, length: root.length, isObject },
    hasNodes,
    nodes: children.map(locate),
    rawNodes: hasNodes ? (plainValue(nodesArray) as unknown[]) : [],
    connections: connections && plainValue(connections),
    name: valueOf(root, 'name'),
    id: valueOf(root, 'id'),
    connectionsAt: connections ? [connections.offset, connections.length] : [root?.offset ?? 0, 1],
    isWorkflow,
  };
}

/** Where one element of the nodes array is; an object's name and type too. */
function locate(child: JsonNode, index: number): NodeLocation {
  if (child.type !== 'object') return { index, offset: child.offset, length: child.length };
  const name = property(child, 'name');
  const type = property(child, 'type');
  return {
    index,
    name: name?.type === 'string' ? String(name.value) : undefined,
    offset: child.offset,
    length: child.length,
    typeValueEnd: type ? type.offset + type.length : undefined,
    nameRange: name ? { offset: name.offset, length: name.length } : undefined,
  };
}

/** The value node of `key` in an object node (the first such key, as editors read it). */
function property(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== 'object' || !node.children) return undefined;
  for (const prop of node.children) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (keyNode?.value === key) return valueNode;
  }
  return undefined;
}

function valueOf(root: JsonNode | undefined, key: string): unknown {
  const node = property(root, key);
  return node && plainValue(node);
}

/**
 * A tree node's value with ordinary objects, as `JSON.parse` makes them (jsonc-parser's own
 * `getNodeValue` gives objects without a prototype, which rules calling object methods trip on).
 * A later repeated key wins, and `__proto__` is an own key, as with `JSON.parse`.
 */
function plainValue(node: JsonNode): unknown {
  if (node.type === 'array') return (node.children ?? []).map(plainValue);
  if (node.type !== 'object') return node.value;
  const object: Record<string, unknown> = {};
  for (const prop of node.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (!key || !value) continue;
    const name = String(key.value);
    if (name === '__proto__') Object.defineProperty(object, name, { value: plainValue(value), writable: true, enumerable: true, configurable: true });
    else object[name] = plainValue(value);
  }
  return object;
}
