import type { NodeEstimate } from '../../estimate/types';

/**
 * Is this node an AI step that a user places on the canvas (an agent, chain or vendor AI node)?
 * Sub-nodes (models, tools, memory) have a `parent`: their cost is the parent's, so rules
 * report the parent, once.
 */
export function isAiNode(node: NodeEstimate): boolean {
  if (node.parent !== undefined || node.disabled) return false;
  if (node.llmCalls !== undefined || node.unit === 'tokens' || node.model !== undefined) return true;
  return node.type.startsWith('@n8n/n8n-nodes-langchain.') && /agent|chain/i.test(node.type);
}
