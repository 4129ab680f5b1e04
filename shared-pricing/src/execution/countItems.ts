import type { NodeRun } from './types';

/**
 * Counts the items a node run put out on its `main` outputs (every output index: an If's true
 * and false branches, Loop Over Items' done and loop). Null outputs and null items count 0;
 * other connection types (`ai_languageModel`, `ai_tool`, …) are not items.
 */
export function countItems(run: NodeRun | null | undefined): number {
  const main = run?.data && typeof run.data === 'object' ? run.data.main : undefined;
  if (!Array.isArray(main)) return 0;
  let count = 0;
  for (const output of main) {
    if (!Array.isArray(output)) continue;
    for (const item of output) if (item !== null && typeof item === 'object') count++;
  }
  return count;
}
