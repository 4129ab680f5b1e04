import { modify, type Edit, type JSONPath } from 'jsonc-parser';
import type { WorkflowDocument } from '../../../shared-pricing/src';

const formatting = { insertSpaces: true, tabSize: 2, eol: '\n' };

/** The JSON path of the node named `name` in the document (`['nodes', 3]`), if it exists. */
export function nodePath(document: WorkflowDocument, name: string): JSONPath | undefined {
  const location = document.nodes.find((n) => n.name === name);
  return location ? ['nodes', location.index] : undefined;
}

/** The value at `path` (which starts at `nodes`) as the document parsed it, or undefined. */
export function valueAt(document: WorkflowDocument, path: JSONPath): unknown {
  if (path[0] !== 'nodes') return undefined;
  let value: unknown = document.rawNodes;
  for (const key of path.slice(1)) {
    if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
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
export function modelPath(document: WorkflowDocument, node: JSONPath): { path: JSONPath; model: string } | undefined {
  for (const key of ['model', 'modelId', 'modelName']) {
    const path = [...node, 'parameters', key];
    const value = valueAt(document, path);
    if (typeof value === 'string') return { path, model: value };
    const inner = valueAt(document, [...path, 'value']);
    if (typeof inner === 'string') return { path: [...path, 'value'], model: inner };
  }
  return undefined;
}
