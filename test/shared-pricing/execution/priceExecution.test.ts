import { strict as assert } from 'node:assert';
import { loadPriceBook, priceExecution, PricingError, type ExecutionRun } from './pricing';
import { connect, execution, failed, lm, node, ok, times, workflow } from './runData';
import { testBook, testPlan } from './testBook';

const wf = workflow(
  [
    node('Start', 'n8n-nodes-base.manualTrigger'),
    node('Slack', 'n8n-nodes-base.slack'),
    node('Set', 'n8n-nodes-base.set'),
    node('Merge', 'n8n-nodes-base.merge'),
    node('Agent', '@n8n/n8n-nodes-langchain.agent'),
    node('Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', { model: { __rl: true, value: 'm1', mode: 'list' } }),
    node('Mystery Model', '@n8n/n8n-nodes-langchain.lmChatOllama', { model: 'mystery' }),
    node('NoOp', 'n8n-nodes-base.noOp'),
    node('After', 'n8n-nodes-base.noOp'),
    node('Wait', 'n8n-nodes-base.wait'),
    node('Off', 'n8n-nodes-base.slack', {}, { disabled: true }),
  ],
  connect([['Model', 'Agent', 'ai_languageModel'], ['Mystery Model', 'Agent', 'ai_languageModel']]),
);
const price = (runData: Parameters<typeof execution>[1], plan = testPlan(), state = { helperRuns: 0 }, mode = 'trigger') =>
  priceExecution(execution('e1', runData, mode), wf, testBook, plan, state);

describe('priceExecution', () => {
  it('charges a run class once per run of a node in a loop, keyed by run index', () => {
    const priced = price({ Start: [ok()], Slack: times(3, ok) });
    assert.deepEqual(priced.charges.map((c) => [c.key, c.millicredits]), [['e1:Slack:0:run', 1000], ['e1:Slack:1:run', 1000], ['e1:Slack:2:run', 1000]]);
    assert.equal(priced.totalMillicredits, 3000);
  });

  it('charges an item class per item on main outputs', () => {
    const [charge] = price({ Set: [ok([4, 3])] }).charges;
    assert.deepEqual([charge?.key, charge?.units, charge?.millicredits], ['e1:Set:0:item', 7, 70]);
  });

  it('charges an execution class once however often the node ran', () => {
    const priced = price({ Merge: times(3, ok) });
    assert.deepEqual(priced.charges.map((c) => [c.key, c.millicredits]), [['e1:Merge:0:execution', 500]]);
  });

  it('prices an LLM sub-node by its model and tokens and attributes it to the agent it served', () => {
    const [charge] = price({ Agent: [ok()], Model: [lm(1200, 300)] }).charges;
    assert.deepEqual(
      { key: charge?.key, model: charge?.model, tokens: charge?.tokens, units: charge?.units, millicredits: charge?.millicredits, servedNode: charge?.servedNode, explicit: charge?.explicit },
      { key: 'e1:Model:0:tokens', model: 'm1', tokens: { input: 1200, output: 300 }, units: 1500, millicredits: 1800, servedNode: 'Agent', explicit: true },
    );
  });

  it('prices an unknown model at the fallback rate, not explicitly, and says so', () => {
    const [charge] = price({ 'Mystery Model': [lm(100, 10)] }).charges;
    assert.deepEqual([charge?.millicredits, charge?.explicit, charge?.model], [360, false, 'mystery']);
    assert.match(charge!.reason, /unknown model "mystery", priced at the fallback rate 3000\/6000/);
  });

  it('skips a token-priced run that recorded no usage, with the reason', () => {
    const priced = price({ Model: [ok()] });
    assert.deepEqual([priced.charges.length, priced.skipped[0]?.nodeName, priced.skipped[0]?.runIndex], [0, 'Model', 0]);
    assert.match(priced.skipped[0]!.reason, /no token usage/);
  });

  it('charges a helper class each time the carried counter passes a multiple of every', () => {
    const priced = price({ NoOp: times(4, ok) }, testPlan(), { helperRuns: 2 });
    assert.deepEqual(priced.charges.map((c) => [c.key, c.millicredits]), [['e1:NoOp:0:helper', 1000], ['e1:NoOp:3:helper', 1000]]);
    assert.equal(priced.state.helperRuns, 6);
  });

  it('lists no charge for a free node and skips a disabled one', () => {
    const priced = price({ Agent: [ok()], Off: [ok()] });
    assert.deepEqual([priced.charges.length, priced.totalMillicredits, priced.skipped.map((s) => s.nodeName)], [0, 0, ['Off']]);
  });

  it('does not charge the failed step when the plan says so, and notes it', () => {
    const priced = price({ Start: [ok()], Slack: [ok(), failed()] }, testPlan({ chargeFailedStep: false }));
    assert.deepEqual(priced.charges.map((c) => c.key), ['e1:Slack:0:run']);
    assert.match(priced.notes[0]!, /"Slack" failed \(run 1\): not charged/);
  });

  it('charges the failed step when the plan says so', () => {
    const priced = price({ Slack: [ok(), failed()] }, testPlan({ chargeFailedStep: true }));
    assert.deepEqual(priced.charges.map((c) => c.key), ['e1:Slack:0:run', 'e1:Slack:1:run']);
  });

  it('prices an editor run at nothing when the plan makes editor runs free, and notes it', () => {
    const priced = price({ Slack: [ok()], NoOp: [ok()] }, testPlan({ editorRunsFree: true }), { helperRuns: 2 }, 'manual');
    assert.deepEqual([priced.charges.length, priced.totalMillicredits, priced.state.helperRuns], [0, 0, 2]);
    assert.match(priced.notes[0]!, /editor run/);
  });

  it('charges an editor run when the plan charges test runs', () => {
    assert.equal(price({ Slack: [ok()] }, testPlan({ editorRunsFree: false }), { helperRuns: 0 }, 'manual').totalMillicredits, 1000);
  });

  it('adds the book\'s nominal charge once per execution under the (execution) key', () => {
    const book = loadPriceBook({ ...testBook, nominalPerExecution: 100 });
    const priced = priceExecution(execution('e1', { Slack: [ok()] }), wf, book, testPlan(), { helperRuns: 0 });
    assert.deepEqual(priced.charges.map((c) => [c.key, c.kind, c.millicredits]), [['e1:Slack:0:run', 'run', 1000], ['e1:(execution):0:nominal', 'nominal', 100]]);
  });

  it('charges a parked Wait and its resumed run under the same key and amount', () => {
    const parked = price({ Start: [ok()], Wait: [{ ...ok(), executionStatus: 'waiting' }] });
    const resumed = price({ Start: [ok()], Wait: [ok()] });
    assert.deepEqual(parked.charges.map((c) => [c.key, c.millicredits]), [['e1:Wait:0:run', 1000]]);
    assert.deepEqual(resumed.charges.map((c) => [c.key, c.millicredits]), [['e1:Wait:0:run', 1000]]);
  });

  it('counts the helper runs of a resumed execution only once', () => {
    const parked = price({ NoOp: [ok()], Wait: [{ ...ok(), executionStatus: 'waiting' }] });
    const resumed = price({ NoOp: [ok()], Wait: [ok()], After: [ok()] }, testPlan(), parked.state);
    assert.deepEqual([parked.state.helperRuns, resumed.state.helperRuns, resumed.state.helperRunsCounted], [1, 2, { e1: 2 }]);
  });

  it('does not change its inputs', () => {
    const run = execution('e1', { Slack: [ok()], NoOp: times(5, ok), Model: [lm(5, 5)] });
    const state = { helperRuns: 1 };
    const before = JSON.stringify([run, wf, state]);
    priceExecution(run, wf, testBook, testPlan(), state);
    assert.equal(JSON.stringify([run, wf, state]), before);
  });

  it('refuses an execution without an id with a PricingError, not a TypeError', () => {
    assert.throws(() => priceExecution({ data: null } as unknown as ExecutionRun, wf, testBook, testPlan()), (e: unknown) => e instanceof PricingError && /no executionId/.test(e.message));
    assert.throws(() => priceExecution(null as unknown as ExecutionRun, wf, testBook, testPlan()), (e: unknown) => e instanceof PricingError && /got null/.test(e.message));
  });

  it('prices what it can of odd run data and lists the rest as skipped', () => {
    const run = { executionId: 'e1', data: { resultData: { runData: { Slack: [ok(), null, { executionStatus: 'success', data: { main: null, ai_weird: [[null]] } }], Ghost: [ok()], Set: [{ data: { main: [null, [null, { json: {} }]] } }] } } } } as unknown as ExecutionRun;
    const priced = priceExecution(run, wf, testBook, testPlan(), { helperRuns: 0 });
    assert.deepEqual(priced.charges.map((c) => [c.key, c.millicredits]), [['e1:Slack:0:run', 1000], ['e1:Slack:2:run', 1000], ['e1:Set:0:item', 10]]);
    assert.deepEqual(priced.skipped.map((s) => `${s.nodeName}#${s.runIndex ?? '-'}`), ['Slack#1', 'Ghost#-']);
  });
});
