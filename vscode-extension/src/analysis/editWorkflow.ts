import { findNodeAtLocation, modify, parseTree, type Edit, type JSONPath } from 'jsonc-parser';
import { locateNodes } from './locateNodes';

const formatting = { insertSpaces: true, tabSize: 2, eol: '\n' };

/** The JSON path of the node named `name` in the workflow text (`['nodes', 3]`), if it exists. */
export function nodePath(text: string, name: string): JSONPath | undefined {
  const location = locateNodes(text).nodes.find((n) => n.name === name);
  return location ? ['nodes', location.index] : undefined;
}

/** The value at `path` of the workflow text, or undefined. */
export function valueAt(text: string, path: JSONPath): unknown {
  const root = parseTree(text);
  return root ? findNodeAtLocation(root, path)?.value : undefined;
}

/** Edits that set `path` to `value`, formatted like the rest of the file. */
export function setValue(text: string, path: JSONPath, value: unknown): Edit[] {
  const tabs = /\n\t/.test(text);
  return modify(text, path, value, { formattingOptions: tabs ? { ...formatting, insertSpaces: false } : formatting });
}

/**
 * The path of a node's model value: `parameters.model` (or `modelId` / `modelName`), either a
 * string or the `value` of a resource locator `{ "__rl": true, "value": … }`.
 */
export function modelPath(text: string, node: JSONPath): { path: JSONPath; model: string } | undefined {
  for (const key of ['model', 'modelId', 'modelName']) {
    const path = [...node, 'parameters', key];
    const value = valueAt(text, path);
    if (typeof value === 'string') return { path, model: value };
    const inner = valueAt(text, [...path, 'value']);
    if (typeof inner === 'string') return { path: [...path, 'value'], model: inner };
  }
  return undefined;
}
