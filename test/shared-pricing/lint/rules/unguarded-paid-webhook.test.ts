import assert from 'node:assert/strict';
import { CREDITS_NODE_TYPE, unguardedPaidWebhook } from '../../../../shared-pricing/src/lint/rules/unguarded-paid-webhook';
import { analysis, node, r, runRule, summary, workflowText } from '../support';

const WEBHOOK = 'n8n-nodes-base.webhook';

describe('unguarded-paid-webhook', () => {
  const cases = [
    {
      does: 'report a paid webhook workflow with no guard',
      trigger: WEBHOOK,
      credits: { type: '', operation: '' },
      perExecution: 2500,
      options: {},
      expected: [['Hook', '"Hook" lets callers start a workflow that costs 2.5 credits per execution, with no Credits node doing a "guard"; add one before the paid steps']],
    },
    { does: 'accept a workflow with a guard node', trigger: WEBHOOK, credits: { type: CREDITS_NODE_TYPE, operation: 'guard' }, perExecution: 2500, options: {}, expected: [] },
    {
      does: 'not count a Credits node that only charges as a guard',
      trigger: WEBHOOK,
      credits: { type: CREDITS_NODE_TYPE, operation: 'charge' },
      perExecution: 2500,
      options: {},
      expected: [['Hook', '"Hook" lets callers start a workflow that costs 2.5 credits per execution, with no Credits node doing a "guard"; add one before the paid steps']],
    },
    { does: 'ignore a free webhook workflow', trigger: WEBHOOK, credits: { type: '', operation: '' }, perExecution: 0, options: {}, expected: [] },
    { does: 'ignore a schedule-triggered workflow', trigger: 'n8n-nodes-base.scheduleTrigger', credits: { type: '', operation: '' }, perExecution: 2500, options: {}, expected: [] },
    { does: 'stay quiet at or under minCredits', trigger: WEBHOOK, credits: { type: '', operation: '' }, perExecution: 2500, options: { minCredits: 2.5 }, expected: [] },
  ];
  for (const c of cases) {
    it(`does ${c.does}`, () => {
      const nodes = [node('Hook', c.trigger), node('AI', '@n8n/n8n-nodes-langchain.agent')];
      const raw = [{ name: 'Hook', type: c.trigger }, { name: 'AI', type: '@n8n/n8n-nodes-langchain.agent' }];
      if (c.credits.type) {
        nodes.push(node('Credits', c.credits.type));
        raw.push({ name: 'Credits', type: c.credits.type, parameters: { operation: c.credits.operation } } as (typeof raw)[number]);
      }
      const input = analysis(nodes, { triggers: ['Hook'], perExecution: r(c.perExecution) });
      assert.deepEqual(summary(runRule(unguardedPaidWebhook, input, c.options, workflowText(raw))), c.expected);
    });
  }
});
