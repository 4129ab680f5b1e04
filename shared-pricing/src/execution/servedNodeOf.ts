import type { Workflow } from './types';

/**
 * The node an LLM sub-node serves: the target of its `ai_languageModel` connection (an agent
 * or chain). A sub-node connected to several gets the first; unconnected gives undefined.
 */
export function servedNodeOf(nodeName: string, workflow: Workflow | null | undefined): string | undefined {
  const outputs = workflow?.connections?.[nodeName]?.ai_languageModel;
  if (!Array.isArray(outputs)) return undefined;
  for (const output of outputs) {
    if (!Array.isArray(output)) continue;
    for (const target of output) if (target && typeof target.node === 'string' && target.node) return target.node;
  }
  return undefined;
}
