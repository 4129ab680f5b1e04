import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { loadPriceBook, priceExecution, totalsByNode, type NodeRun, type PricedExecution } from './pricing';
import { connect, execution, lm, node, ok, workflow } from './runData';
import { testBook, testPlan } from './testBook';

const wf = workflow(
  [
    node('Slack', 'n8n-nodes-base.slack'),
    node('Set', 'n8n-nodes-base.set'),
    node('Merge', 'n8n-nodes-base.merge'),
    node('NoOp', 'n8n-nodes-base.noOp'),
    node('Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', { model: 'm1' }),
    node('Other Model', '@n8n/n8n-nodes-langchain.lmChatOllama', { model: 'unknown-model' }),
    node('Agent', '@n8n/n8n-nodes-langchain.agent'),
  ],
  connect([['Model', 'Agent', 'ai_languageModel'], ['Other Model', 'Agent', 'ai_languageModel']]),
);
const nominalBook = loadPriceBook({ ...testBook, nominalPerExecution: 250 });

const status = fc.constantFrom('success', 'success', 'error', 'waiting');
const itemRun = fc.record({ items: fc.array(fc.nat(5), { minLength: 1, maxLength: 2 }), status }).map(({ items, status }): NodeRun => ({ ...ok(items), executionStatus: status }));
const lmRun = fc.record({ input: fc.nat(20_000), output: fc.nat(5_000), status }).map(({ input, output, status }): NodeRun => ({ ...lm(input, output), executionStatus: status }));
const runs = (arb: fc.Arbitrary<NodeRun>) => fc.array(arb, { maxLength: 4 });
const runData = fc.record({ Slack: runs(itemRun), Set: runs(itemRun), Merge: runs(itemRun), NoOp: runs(itemRun), Model: runs(lmRun), 'Other Model': runs(lmRun), Agent: runs(itemRun) });
const setup = fc.record({
  runData,
  chargeFailedStep: fc.boolean(),
  editorRunsFree: fc.boolean(),
  mode: fc.constantFrom('trigger', 'manual', 'webhook'),
  helperRuns: fc.nat(1000),
  nominal: fc.boolean(),
});
type Setup = typeof setup extends fc.Arbitrary<infer T> ? T : never;

function priceSetup(s: Setup, data = s.runData): PricedExecution {
  const plan = testPlan({ chargeFailedStep: s.chargeFailedStep, editorRunsFree: s.editorRunsFree });
  return priceExecution(execution('p1', data, s.mode), wf, s.nominal ? nominalBook : testBook, plan, { helperRuns: s.helperRuns });
}

/** The same run data with every run of `name` changed by `change`. */
function mapRuns(data: Setup['runData'], name: keyof Setup['runData'], change: (run: NodeRun) => NodeRun): Setup['runData'] {
  return { ...data, [name]: data[name].map(change) };
}

describe('priceExecution properties', () => {
  it('produces only charges that are whole millicredits > 0, with unique keys', () => {
    fc.assert(fc.property(setup, (s) => {
      const { charges } = priceSetup(s);
      assert.ok(charges.every((c) => Number.isSafeInteger(c.millicredits) && c.millicredits > 0));
      assert.equal(new Set(charges.map((c) => c.key)).size, charges.length);
    }));
  });

  it('sums the per-node totals to the execution total', () => {
    fc.assert(fc.property(setup, (s) => {
      const priced = priceSetup(s);
      const byNode = [...totalsByNode(priced.charges).values()].reduce((a, b) => a + b, 0);
      assert.equal(byNode, priced.totalMillicredits);
      assert.equal(priced.charges.reduce((a, c) => a + c.millicredits, 0), priced.totalMillicredits);
    }));
  });

  it('never costs less with more items', () => {
    fc.assert(fc.property(setup, fc.integer({ min: 1, max: 5 }), (s, extra) => {
      const addItems = (run: NodeRun): NodeRun => {
        const [first = [], ...rest] = run.data?.main ?? [];
        return { ...run, data: { main: [[...(first ?? []), ...Array.from({ length: extra }, () => ({ json: {} }))], ...rest] } };
      };
      const more = mapRuns(s.runData, 'Set', addItems);
      assert.ok(priceSetup(s, more).totalMillicredits >= priceSetup(s).totalMillicredits);
    }));
  });

  it('never costs less with more tokens', () => {
    fc.assert(fc.property(setup, fc.nat(10_000), fc.nat(10_000), (s, addIn, addOut) => {
      const grow = (run: NodeRun): NodeRun => {
        const usage = run.data?.ai_languageModel?.[0]?.[0]?.json?.tokenUsage as { promptTokens: number; completionTokens: number };
        return { ...lm(usage.promptTokens + addIn, usage.completionTokens + addOut), executionStatus: run.executionStatus };
      };
      const more = mapRuns(mapRuns(s.runData, 'Model', grow), 'Other Model', grow);
      assert.ok(priceSetup(s, more).totalMillicredits >= priceSetup(s).totalMillicredits);
    }));
  });

  it('gives the same keys, amounts and next state when the same run is priced twice', () => {
    fc.assert(fc.property(setup, (s) => {
      const first = priceSetup(s);
      const second = priceSetup(s);
      assert.deepEqual(second.charges.map((c) => [c.key, c.millicredits]), first.charges.map((c) => [c.key, c.millicredits]));
      assert.deepEqual(second.state, first.state);
    }));
  });

  it('never charges a node run twice when a waiting execution is priced again after it resumes', () => {
    fc.assert(fc.property(setup, (s) => {
      const first = priceSetup(s);
      const plan = testPlan({ chargeFailedStep: s.chargeFailedStep, editorRunsFree: s.editorRunsFree });
      const again = priceExecution(execution('p1', s.runData, s.mode), wf, s.nominal ? nominalBook : testBook, plan, first.state);
      const helperKeys = new Set(first.charges.filter((c) => c.kind === 'helper').map((c) => c.key));
      assert.ok(again.charges.every((c) => !helperKeys.has(c.key)));
      assert.equal(again.state.helperRuns, first.state.helperRuns);
    }));
  });

  it('never throws on arbitrary JSON in place of runs, items, data or the workflow', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    const oddRun = fc.oneof(json, fc.record({ executionStatus: fc.oneof(status, json), data: fc.oneof(json, fc.dictionary(fc.constantFrom('main', 'ai_languageModel', 'ai_weird'), fc.oneof(json, fc.array(fc.oneof(fc.constant(null), fc.array(fc.oneof(json, fc.constant(null)))))))), metadata: json, error: json }, { requiredKeys: [] }));
    const oddRunData = fc.dictionary(fc.constantFrom('Slack', 'Set', 'Merge', 'NoOp', 'Model', 'Agent', 'Ghost'), fc.oneof(json, fc.array(oddRun, { maxLength: 3 })));
    const oddWorkflow = fc.oneof(fc.constant(wf), json.map((v) => ({ nodes: v, connections: v })));
    fc.assert(fc.property(oddRunData, oddWorkflow, (data, workflowValue) => {
      const priced = priceExecution({ executionId: 'odd', data: { resultData: { runData: data as never } } }, workflowValue as never, testBook, testPlan(), { helperRuns: 0 });
      assert.ok(Number.isSafeInteger(priced.totalMillicredits) && priced.totalMillicredits >= 0);
    }));
  });
});
