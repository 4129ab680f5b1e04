import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { tooDeeplyNested } from '../../../shared-pricing/src/validation/tooDeeplyNested';
import { scanNodeLocations } from './scanNodeLocations';

/** Where one node object of a workflow sits in the text (jsonc-parser offsets). */
export interface NodeLocation {
  index: number;
  name?: string;
  offset: number;
  length: number;
  /** End offset of the node's `"type"` value: where its inlay hint goes. */
  typeValueEnd?: number;
  /** The node's `"name"` value (with quotes): where a finding about the whole node is underlined. */
  nameRange?: { offset: number; length: number };
}

/** The shape of a workflow text as far as the editor needs it. */
export interface WorkflowShape {
  /** True when the root is an object with a `nodes` array and a `connections` object. */
  isWorkflow: boolean;
  nodes: NodeLocation[];
  syntaxErrors: number;
}

/**
 * Finds the node objects of an n8n workflow text, tolerating half-typed JSON (jsonc-parser
 * recovers), so hints stay in place while someone types. Not a workflow: `isWorkflow` false.
 */
export function locateNodes(text: string): WorkflowShape {
  // Strict JSON (the usual case) needs no tree: a scan finds the same offsets several times faster.
  if (isStrictJson(text)) return scanNodeLocations(text);
  // jsonc-parser builds its tree recursively: pathological nesting would overflow the stack.
  if (tooDeeplyNested(text)) return { isWorkflow: false, nodes: [], syntaxErrors: 1 };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const nodesArray = property(root, 'nodes');
  const connections = property(root, 'connections');
  const hasNodes = root?.type === 'object' && nodesArray?.type === 'array';
  // A broken or truncated file whose nodes look like n8n nodes is still a workflow: the analysis
  // then reports the syntax error in Problems instead of the file going silent.
  const isWorkflow = hasNodes && (connections?.type === 'object' || (errors.length > 0 && (nodesArray.children ?? []).some((n) => property(n, 'type') !== undefined)));
  if (!isWorkflow || !nodesArray?.children) return { isWorkflow, nodes: [], syntaxErrors: errors.length };
  const nodes: NodeLocation[] = [];
  nodesArray.children.forEach((child, index) => {
    if (child.type !== 'object') return;
    const name = property(child, 'name');
    const type = property(child, 'type');
    nodes.push({
      index,
      name: name?.type === 'string' ? String(name.value) : undefined,
      offset: child.offset,
      length: child.length,
      typeValueEnd: type ? type.offset + type.length : undefined,
      nameRange: name ? { offset: name.offset, length: name.length } : undefined,
    });
  });
  return { isWorkflow, nodes, syntaxErrors: errors.length };
}

/** The value node of `key` in an object node. */
export function property(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== 'object' || !node.children) return undefined;
  for (const prop of node.children) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (keyNode?.value === key) return valueNode;
  }
  return undefined;
}

function isStrictJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
