import { strict as assert } from 'node:assert';
import { quoteStep } from '../../../ledger/src/http/quoteStep';
import { analyzeWorkflow } from '../../../shared-pricing/src/estimate';
import { priceExecution } from '../../../shared-pricing/src/execution';
import { getPlan } from '../../../shared-pricing/src/plans';
import { loadPriceBook } from '../../../shared-pricing/src/price-book/loadPriceBook';
import { connect, execution, lm, node, ok, workflow } from '../execution/runData';

// Rates chosen so that every figure below is counted by hand, not by the code under test.
const book = loadPriceBook({
  version: 1,
  name: 'hand-counted',
  nominalPerExecution: 0,
  classes: {
    trigger: { unit: 'run', rate: 0 },
    app: { unit: 'run', rate: 1200 },
    perItem: { unit: 'item', rate: 15 },
    once: { unit: 'execution', rate: 500 },
    helper: { unit: 'helper', rate: 1000, every: 2 },
    llm: { unit: 'tokens', rate: 0 },
  },
  fallbackClass: 'app',
  triggerClass: 'trigger',
  rules: [
    { type: 'n8n-nodes-base.slack', class: 'app' },
    { type: 'n8n-nodes-base.set', class: 'perItem' },
    { type: 'n8n-nodes-base.merge', class: 'once' },
    { type: 'n8n-nodes-base.noOp', class: 'helper' },
    { type: '@n8n/n8n-nodes-langchain.lm*', class: 'llm' },
  ],
  models: { m1: { input: 150, output: 600 } },
  modelFallback: { input: 3000, output: 6000 },
});
const plan = { ...getPlan('spojit'), chargeFailedStep: true, editorRunsFree: false };

// Start → Slack → Set (7 items) → Merge → Tidy A → Tidy B, one run each.
const steps = [
  node('Start', 'n8n-nodes-base.manualTrigger'), node('Slack', 'n8n-nodes-base.slack'), node('Set', 'n8n-nodes-base.set'),
  node('Merge', 'n8n-nodes-base.merge'), node('Tidy A', 'n8n-nodes-base.noOp'), node('Tidy B', 'n8n-nodes-base.noOp'),
];
const chain = workflow(steps, connect([['Start', 'Slack'], ['Slack', 'Set'], ['Set', 'Merge'], ['Merge', 'Tidy A'], ['Tidy A', 'Tidy B']]));
const runData = { Start: [ok(1)], Slack: [ok(1)], Set: [ok(7)], Merge: [ok(7)], 'Tidy A': [ok(7)], 'Tidy B': [ok(7)] };
// By hand: Slack 1 run × 1200 = 1200; Set 7 items × 15 = 105; Merge once = 500; the helper counter goes
// 0 → 1 (Tidy A: no multiple of 2 passed, 0) and 1 → 2 (Tidy B: passes 2, 1000). Total 2805.
const byHand = { Slack: 1200, Set: 105, Merge: 500, 'Tidy A': 0, 'Tidy B': 1000 };

describe('one unit price: the meter, the estimator and the quote agree with hand counts', () => {
  it('the meter charges each step as counted by hand', () => {
    const priced = priceExecution(execution('e1', runData), chain, book, plan);
    assert.deepEqual(Object.fromEntries(priced.charges.map((c) => [c.nodeName, c.millicredits])), { Slack: 1200, Set: 105, Merge: 500, 'Tidy B': 1000 });
    assert.equal(priced.totalMillicredits, 2805);
  });

  it('the estimator gives the same figures per step, and a helper between a fresh counter and one a run short', () => {
    const analysis = analyzeWorkflow(JSON.stringify(chain), book, { nodes: { Set: { itemsPerRun: 7 } } });
    const credits = (name: string) => analysis.nodes.find((n) => n.name === name)?.credits;
    assert.deepEqual([credits('Slack')?.expected, credits('Set')?.expected, credits('Merge')?.expected], [byHand.Slack, byHand.Set, byHand.Merge]);
    // One helper run: min 0 (a fresh counter passes no multiple of 2), max 1000 (counter at 1), mean 1000 / 2.
    assert.deepEqual([credits('Tidy A')?.min, credits('Tidy A')?.max, credits('Tidy A')?.expected], [0, 1000, 500]);
    assert.equal(analysis.perExecution.expected, 2805);
  });

  it('the quote prices each step alike', () => {
    const quoted = (body: Parameters<typeof quoteStep>[0]) => quoteStep(body, book).millicredits;
    assert.deepEqual([
      quoted({ nodeType: 'n8n-nodes-base.slack' }),
      quoted({ nodeType: 'n8n-nodes-base.set', items: 7 }),
      quoted({ nodeType: 'n8n-nodes-base.merge' }),
      // Without the workspace counter, the first run of a fresh counter: 0 → 1 passes no multiple of 2.
      quoted({ nodeType: 'n8n-nodes-base.noOp' }),
    ], [byHand.Slack, byHand.Set, byHand.Merge, byHand['Tidy A']]);
  });

  it('the meter and the quote price tokens alike: (1000 × 150 + 501 × 600) / 1000 = 450.6, rounded up to 451', () => {
    const model = node('Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', { model: 'm1' });
    const metered = priceExecution(execution('e2', { Model: [lm(1000, 501)] }), workflow([model]), book, plan).totalMillicredits;
    const quoted = quoteStep({ nodeType: '@n8n/n8n-nodes-langchain.lmChatOpenAi', model: 'm1', tokens: { input: 1000, output: 501 } }, book).millicredits;
    assert.deepEqual([metered, quoted], [451, 451]);
  });

  it('the estimator prices an assumed call of the same tokens at 451 too', () => {
    const model = node('Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', { model: 'm1' });
    const analysis = analyzeWorkflow(JSON.stringify(workflow([model])), book, { defaults: { inputTokensPerCall: 1000, outputTokensPerCall: 501 } });
    assert.equal(analysis.nodes.find((n) => n.name === 'Model')?.credits.expected, 451);
  });
});
