import { getPath } from '../helpers/getPath';
import type { LintRule } from '../types';

const AGENT_TYPE = '@n8n/n8n-nodes-langchain.agent';

/** An agent decides how many model calls it makes; without an explicit cap the cost per item has no stated bound. */
export const agentWithoutIterationCap: LintRule = {
  meta: {
    id: 'agent-without-iteration-cap',
    description: 'AI Agent without an explicit Max Iterations option.',
    docs: 'docs/rules/agent-without-iteration-cap.md',
    rationale: "An agent decides how often it calls its model and tools, so without a cap the cost of one item depends on the model's behaviour, not on the workflow.",
    fix: "Set Options → Max Iterations on the agent to the smallest number that lets it finish; the estimate then uses it as the bound.",
    defaultSeverity: 'warning',
    options: {},
    messages: {
      noCap: 'agent "{node}" sets no Max Iterations: each item may call its model many times (the estimate assumes {iterations}); set Options → Max Iterations',
    },
  },
  check(context) {
    for (const node of context.analysis.nodes) {
      if (node.type !== AGENT_TYPE || node.disabled || !node.reachable) continue;
      const raw = context.rawNode(node.name);
      if (!raw || getPath(raw.parameters, 'options.maxIterations') !== undefined) continue;
      // No iteration assumption: an agent without tools (or without a model) makes one call per item, so no cap is needed.
      const iterations = node.assumptions.find((a) => a.name === 'agentIterations')?.value;
      if (iterations === undefined) continue;
      context.report({ messageId: 'noCap', node: node.name, data: { node: node.name, iterations } });
    }
  },
};
