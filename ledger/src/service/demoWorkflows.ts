import type { NodeRun, Workflow } from '../../../shared-pricing/src/execution/types';

/** A demo workflow with how many items each node outputs and, for model sub-nodes, the tokens a run uses. */
export interface DemoWorkflow {
  workflow: Workflow & { id: string; name: string };
  items: Record<string, number>;
  tokens?: Record<string, { promptTokens: number; completionTokens: number; model: string }>;
  /** Executions per day in the demo. */
  perDay: number;
}

const node = (name: string, type: string, parameters: Record<string, unknown> = {}, typeVersion = 1) => ({ name, type, typeVersion, parameters, position: [0, 0] as [number, number] });
const main = (...targets: string[]) => ({ main: [targets.map((t) => ({ node: t, type: 'main', index: 0 }))] });

/** Three small workflows of the kinds the seed platforms bill for: app calls, code, and an AI agent. */
export const DEMO_WORKFLOWS: DemoWorkflow[] = [
  {
    workflow: {
      id: 'demo-lead-enrichment', name: 'Lead enrichment',
      nodes: [node('Webhook', 'n8n-nodes-base.webhook'), node('Enrich company', 'n8n-nodes-base.httpRequest', {}, 4.2), node('Shape lead', 'n8n-nodes-base.set', {}, 3.4), node('Post to Slack', 'n8n-nodes-base.slack', {}, 2.3)],
      connections: { Webhook: main('Enrich company'), 'Enrich company': main('Shape lead'), 'Shape lead': main('Post to Slack') },
    },
    items: { Webhook: 1, 'Enrich company': 1, 'Shape lead': 1, 'Post to Slack': 1 },
    perDay: 12,
  },
  {
    workflow: {
      id: 'demo-support-triage', name: 'Support triage (AI)',
      nodes: [
        node('Gmail Trigger', 'n8n-nodes-base.gmailTrigger'),
        node('Triage agent', '@n8n/n8n-nodes-langchain.agent', {}, 1.7),
        node('OpenAI Chat Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', { model: 'gpt-4o-mini' }, 1),
        node('Summarise', 'n8n-nodes-base.code', { jsCode: 'return $input.all();' }, 2),
        node('Create ticket', 'n8n-nodes-base.jira', {}, 1),
      ],
      connections: {
        'Gmail Trigger': main('Triage agent'),
        'Triage agent': main('Summarise'),
        Summarise: main('Create ticket'),
        'OpenAI Chat Model': { ai_languageModel: [[{ node: 'Triage agent', type: 'ai_languageModel', index: 0 }]] },
      },
    },
    items: { 'Gmail Trigger': 1, 'Triage agent': 1, 'OpenAI Chat Model': 1, Summarise: 1, 'Create ticket': 1 },
    tokens: { 'OpenAI Chat Model': { promptTokens: 1800, completionTokens: 350, model: 'gpt-4o-mini' } },
    perDay: 6,
  },
  {
    workflow: {
      id: 'demo-nightly-sync', name: 'Nightly CRM sync',
      nodes: [node('Every night', 'n8n-nodes-base.scheduleTrigger', {}, 1.2), node('Fetch contacts', 'n8n-nodes-base.hubspot', {}, 2), node('Map fields', 'n8n-nodes-base.set', {}, 3.4), node('Upsert rows', 'n8n-nodes-base.postgres', {}, 2.5)],
      connections: { 'Every night': main('Fetch contacts'), 'Fetch contacts': main('Map fields'), 'Map fields': main('Upsert rows') },
    },
    items: { 'Every night': 1, 'Fetch contacts': 40, 'Map fields': 40, 'Upsert rows': 40 },
    perDay: 1,
  },
];

/** Run data for one execution of a demo workflow: one successful run per node with its items and tokens. */
export function demoRunData(demo: DemoWorkflow, startTime: number): Record<string, NodeRun[]> {
  const runData: Record<string, NodeRun[]> = {};
  for (const n of demo.workflow.nodes) {
    const tokens = demo.tokens?.[n.name];
    const count = demo.items[n.name] ?? 1;
    const items = Array.from({ length: count }, (_, i) => ({ json: tokens ? { tokenUsage: { promptTokens: tokens.promptTokens, completionTokens: tokens.completionTokens, totalTokens: tokens.promptTokens + tokens.completionTokens } } : { index: i } }));
    const connection = tokens ? 'ai_languageModel' : 'main';
    runData[n.name] = [{ startTime, executionTime: 5, executionStatus: 'success', data: { [connection]: [items] }, source: [] }];
  }
  return runData;
}
