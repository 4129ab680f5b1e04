import type { RawNode } from '../types';

/** The entries of a workflow's `nodes` array that have a name and a type, by name (a later one wins). */
export function rawNodeMap(list: readonly unknown[]): Map<string, RawNode> {
  const nodes = new Map<string, RawNode>();
  for (const entry of list) {
    if (!isRecord(entry) || typeof entry.name !== 'string' || typeof entry.type !== 'string') continue;
    nodes.set(entry.name, {
      name: entry.name,
      type: entry.type,
      disabled: entry.disabled === true,
      parameters: isRecord(entry.parameters) ? entry.parameters : {},
    });
  }
  return nodes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
