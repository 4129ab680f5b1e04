import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import type { WorkflowRef } from '../pricing';

/**
 * Finds the workflow an Execute Workflow node calls among the files beside the caller: by path
 * (relative to the caller's folder) or by the `id` written in a JSON file of that folder. The id
 * index of a folder is built once and shared by every file in it.
 */
export function createWorkflowResolver(): (file: string) => (ref: WorkflowRef) => string | undefined {
  const idIndexes = new Map<string, Map<string, string>>();
  const idIndex = (dir: string): Map<string, string> => {
    let index = idIndexes.get(dir);
    if (index) return index;
    index = new Map();
    for (const name of safeList(dir)) {
      if (extname(name) !== '.json') continue;
      const id = readId(join(dir, name));
      if (id !== undefined && !index.has(id)) index.set(id, join(dir, name));
    }
    idIndexes.set(dir, index);
    return index;
  };
  return (file) => (ref) => {
    const dir = dirname(file);
    if (ref.source === 'inline') return ref.value;
    const path = ref.source === 'path' ? resolve(dir, ref.value) : idIndex(dir).get(ref.value);
    return path === undefined ? undefined : readOrUndefined(path);
  };
}

/** The top-level `"id"` of a workflow file, read without parsing every node. */
function readId(path: string): string | undefined {
  const text = readOrUndefined(path);
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as { id?: unknown };
    return typeof value.id === 'string' || typeof value.id === 'number' ? String(value.id) : undefined;
  } catch {
    return undefined;
  }
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
