import { strict as assert } from 'node:assert';
import { getPlan, getPriceBook, priceExecution, type PricingState } from '../execution/pricing';
import { connect, execution, failed, lm, node, ok, times, workflow } from '../execution/runData';

/** Prices `count` executions in sequence, carrying the pricing state, and returns the total and last state. */
function priceInSequence(count: number, make: (i: number) => ReturnType<typeof execution>, wf: ReturnType<typeof workflow>, preset: string) {
  let state: PricingState = { helperRuns: 0 };
  let total = 0;
  for (let i = 0; i < count; i++) {
    const priced = priceExecution(make(i), wf, getPriceBook(getPlan(preset).priceBook), getPlan(preset), state);
    total += priced.totalMillicredits;
    state = priced.state;
  }
  return { total, state };
}

describe('the platforms\' worked examples', () => {
  describe('Monkedo', () => {
    it('example 1: a free trigger, 3 app actions and a free data action, run 8 times a month, cost 24 credits', () => {
      const wf = workflow([node('Schedule', 'n8n-nodes-base.scheduleTrigger'), node('Sheets', 'n8n-nodes-base.googleSheets'), node('Slack', 'n8n-nodes-base.slack'), node('Gmail', 'n8n-nodes-base.gmail'), node('Set', 'n8n-nodes-base.set')]);
      const run = (i: number) => execution(`m1-${i}`, { Schedule: [ok()], Sheets: [ok()], Slack: [ok()], Gmail: [ok()], Set: [ok()] });
      const { total, state } = priceInSequence(8, run, wf, 'monkedo');
      assert.deepEqual([total, state.helperRuns], [24_000, 16]);
    });

    it('example 2: an email trigger, an app action and a free action, run daily for 30 days, cost 60 credits', () => {
      const wf = workflow([node('Gmail Trigger', 'n8n-nodes-base.gmailTrigger'), node('Slack', 'n8n-nodes-base.slack'), node('Set', 'n8n-nodes-base.set')]);
      const run = (i: number) => execution(`m2-${i}`, { 'Gmail Trigger': [ok()], Slack: [ok()], Set: [ok()] });
      const { total, state } = priceInSequence(30, run, wf, 'monkedo');
      assert.deepEqual([total, state.helperRuns], [60_000, 30]);
    });

    it('example 3: a free trigger, a free iterate node that ran 100 times and one app call cost 2 credits', () => {
      const wf = workflow([node('Schedule', 'n8n-nodes-base.scheduleTrigger'), node('Iterate', 'n8n-nodes-base.splitInBatches', { batchSize: 1 }), node('Slack', 'n8n-nodes-base.slack')]);
      const priced = priceExecution(execution('m3', { Schedule: [ok()], Iterate: times(100, ok), Slack: [ok()] }), wf, getPriceBook('monkedo'), getPlan('monkedo'), { helperRuns: 0 });
      assert.deepEqual(priced.charges.map((c) => [c.key, c.millicredits]), [['m3:Iterate:98:helper', 1000], ['m3:Slack:0:run', 1000]]);
      assert.equal(priced.totalMillicredits, 2000);
    });
  });

  describe('Twenty', () => {
    const waitFor = (amount: number, unit: string) =>
      priceExecution(
        execution(`t-${unit}`, { Start: [ok()], Wait: [ok()] }),
        workflow([node('Start', 'n8n-nodes-base.webhook'), node('Wait', 'n8n-nodes-base.wait', { resume: 'timeInterval', amount, unit })]),
        getPriceBook('twenty'), getPlan('twenty'), { helperRuns: 0 },
      );

    it('charges a 5-minute and a 5-day Wait the same: 1 credit', () => {
      assert.deepEqual([waitFor(5, 'minutes').totalMillicredits, waitFor(5, 'days').totalMillicredits], [1000, 1000]);
    });
  });

  describe('Spojit', () => {
    it('prices a loop of 1000 items through an agent step as 1000 LLM charges', () => {
      const wf = workflow(
        [
          node('Schedule', 'n8n-nodes-base.scheduleTrigger'),
          node('Loop', 'n8n-nodes-base.splitInBatches', { batchSize: 1 }, { typeVersion: 3 }),
          node('Agent', '@n8n/n8n-nodes-langchain.agent'),
          node('Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', { model: { __rl: true, value: 'gpt-4o-mini', mode: 'list' } }),
        ],
        connect([['Schedule', 'Loop'], ['Loop', 'Agent'], ['Agent', 'Loop'], ['Model', 'Agent', 'ai_languageModel']]),
      );
      const run = execution('s1', { Schedule: [ok()], Loop: times(1001, ok), Agent: times(1000, ok), Model: times(1000, () => lm(1000, 500)) });
      const priced = priceExecution(run, wf, getPriceBook('spojit'), getPlan('spojit'), { helperRuns: 0 });
      const llm = priced.charges.filter((c) => c.kind === 'tokens');
      assert.equal(llm.length, 1000);
      assert.deepEqual(new Set(llm.map((c) => `${c.model}→${c.servedNode}:${c.millicredits}`)), new Set(['gpt-4o-mini→Agent:450']));
      // 1000 × 450 (tokens) + 1001 × 100 (loop) + 1000 × 100 (agent step) + 100 (trigger)
      assert.equal(priced.totalMillicredits, 450_000 + 100_100 + 100_000 + 100);
    });
  });

  describe('Amplience', () => {
    it('charges a flow with no AI step its nominal amount', () => {
      const wf = workflow([node('Webhook', 'n8n-nodes-base.webhook'), node('Set', 'n8n-nodes-base.set'), node('If', 'n8n-nodes-base.if')]);
      const priced = priceExecution(execution('a1', { Webhook: [ok()], Set: [ok()], If: [ok([1, 0])] }), wf, getPriceBook('amplience'), getPlan('amplience'), { helperRuns: 0 });
      assert.deepEqual(priced.charges.map((c) => [c.key, c.millicredits]), [['a1:(execution):0:nominal', 100]]);
    });
  });

  describe('a failed run on every preset', () => {
    const wf = workflow([node('Schedule', 'n8n-nodes-base.scheduleTrigger'), node('HTTP', 'n8n-nodes-base.httpRequest'), node('Slack', 'n8n-nodes-base.slack')]);
    const run = { ...execution('f1', { Schedule: [ok()], HTTP: [ok()], Slack: [failed()] }), status: 'error' };
    // [plan, charged keys, total]: the steps before the error always; the failed step per the plan; the nominal charge where the book has one.
    const expected: Array<[string, string[], number]> = [
      ['twenty', ['f1:HTTP:0:run'], 10_000],
      ['twenty-yearly', ['f1:HTTP:0:run'], 10_000],
      ['spojit', ['f1:Schedule:0:run', 'f1:HTTP:0:run', 'f1:Slack:0:run'], 2100],
      ['monkedo', ['f1:HTTP:0:run', 'f1:Slack:0:run'], 2000],
      ['amplience', ['f1:HTTP:0:run', 'f1:(execution):0:nominal'], 1100],
    ];
    for (const [preset, keys, total] of expected) {
      it(`pays on ${preset} for the steps before the error${getPlan(preset).chargeFailedStep ? ' and the failed step' : ', not the failed step'}`, () => {
        const priced = priceExecution(run, wf, getPriceBook(getPlan(preset).priceBook), getPlan(preset), { helperRuns: 0 });
        assert.deepEqual([priced.charges.map((c) => c.key), priced.totalMillicredits], [keys, total]);
      });
    }
  });
});
