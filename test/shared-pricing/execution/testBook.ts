/** A small price book and plan with one class of each unit, for pricing tests. */
import { getPlan, loadPriceBook, type Plan } from './pricing';

export const testBook = loadPriceBook({
  version: 1,
  name: 'test',
  nominalPerExecution: 0,
  classes: {
    trigger: { unit: 'run', rate: 0 },
    app: { unit: 'run', rate: 1000 },
    perItem: { unit: 'item', rate: 10 },
    once: { unit: 'execution', rate: 500 },
    llm: { unit: 'tokens', rate: 0 },
    helper: { unit: 'helper', rate: 1000, every: 3 },
    free: { unit: 'run', rate: 0 },
  },
  fallbackClass: 'app',
  triggerClass: 'trigger',
  rules: [
    { type: 'n8n-nodes-base.slack', class: 'app' },
    { type: 'n8n-nodes-base.set', class: 'perItem' },
    { type: 'n8n-nodes-base.merge', class: 'once' },
    { type: '@n8n/n8n-nodes-langchain.lm*', class: 'llm' },
    { type: '@n8n/n8n-nodes-langchain.agent', class: 'free' },
    { type: 'n8n-nodes-base.noOp', class: 'helper' },
    { type: 'n8n-nodes-base.wait', class: 'app' },
    { type: 'n8n-nodes-base.stickyNote', class: 'free' },
  ],
  models: { m1: { input: 1000, output: 2000 } },
  modelFallback: { input: 3000, output: 6000 },
});

/** A plan that charges everything: failed steps and editor runs too. */
export function testPlan(overrides: Partial<Plan> = {}): Plan {
  return { ...getPlan('spojit'), name: 'test', chargeFailedStep: true, editorRunsFree: false, ...overrides };
}
