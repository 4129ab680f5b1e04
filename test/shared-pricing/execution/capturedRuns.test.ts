import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getPlan, getPriceBook, priceExecution, type ExecutionRun, type PricedExecution, type PricingState, type Workflow } from './pricing';

/** Run data captured from the n8n engine (n8n-core 2.41) by test/e2e; see test/fixtures/run-data. */
const FIXTURES = join(__dirname, '../../fixtures/run-data');
const read = <T>(file: string): T => JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as T;
const run = (name: string) => read<ExecutionRun>(`${name}.run.json`);
const wf = (name: string) => read<Workflow>(`${name}.workflow.json`);

/** Prices a captured run on a preset plan; `mode` replaces the captured `manual` to price it as a deployed run. */
function price(name: string, workflowName: string, preset: string, mode?: string, state: PricingState = { helperRuns: 0 }): PricedExecution {
  const captured = run(name);
  const plan = getPlan(preset);
  return priceExecution(mode ? { ...captured, mode } : captured, wf(workflowName), getPriceBook(plan.priceBook), plan, state);
}
const summary = (p: PricedExecution) => p.charges.map((c) => `${c.nodeName}#${c.runIndex}:${c.kind}=${c.millicredits}`);

describe('pricing run data captured from n8n', () => {
  it('prices the linear run on Spojit, where test runs are charged: 0.7 credits', () => {
    const priced = price('linear', 'linear', 'spojit');
    assert.deepEqual(summary(priced), ['When clicking ‘Execute workflow’#0:run=100', 'Set Customer#0:run=100', 'Double Quantity#0:run=500']);
    assert.equal(priced.totalMillicredits, 700);
  });

  it('prices the same editor run at nothing on Twenty and Monkedo, with a note', () => {
    const twenty = price('linear', 'linear', 'twenty');
    const monkedo = price('linear', 'linear', 'monkedo');
    assert.deepEqual([twenty.totalMillicredits, monkedo.totalMillicredits, twenty.notes.length, monkedo.notes.length], [0, 0, 1, 1]);
  });

  it('charges each of the 11 Loop Over Items runs and 10 Tag Item runs of the loop on Spojit', () => {
    const priced = price('loop-over-items', 'loop-over-items', 'spojit');
    const byNode = (name: string) => priced.charges.filter((c) => c.nodeName === name).map((c) => c.key);
    assert.equal(byNode('Loop Over Items').length, 11);
    assert.deepEqual(byNode('Tag Item'), Array.from({ length: 10 }, (_, i) => `858032:Tag Item:${i}:run`));
    assert.equal(priced.totalMillicredits, 100 + 500 + 11 * 100 + 10 * 100);
  });

  it('charges the Monkedo helper credit on the loop run that takes the counter to 100, in the order n8n ran them', () => {
    const priced = price('loop-over-items', 'loop-over-items', 'monkedo', 'trigger', { helperRuns: 90 });
    assert.deepEqual([summary(priced), priced.state.helperRuns], [['Tag Item#3:helper=1000'], 113]);
  });

  it('prices the if-branch run: both branches ran once', () => {
    assert.equal(price('if-branch', 'if-branch', 'spojit').totalMillicredits, 100 + 500 + 100 + 100 + 100);
  });

  it('charges a failed Code step on Spojit, which charges failures', () => {
    assert.deepEqual(summary(price('failed-step', 'failed-step', 'spojit')), ['When clicking ‘Execute workflow’#0:run=100', 'Set Order#0:run=100', 'Validate Order#0:run=500']);
  });

  it('charges only the nominal amount for the failed run on Amplience, which does not charge the failed action', () => {
    const priced = price('failed-step', 'failed-step', 'amplience');
    assert.deepEqual([summary(priced), priced.notes], [['(execution)#0:nominal=100'], ['"Validate Order" failed (run 0): not charged, the plan charges only the steps completed before a failure']]);
  });

  it('prices a Stop and Error as a failed step: charged on Spojit, not on Amplience', () => {
    assert.deepEqual([price('stop-and-error', 'stop-and-error', 'spojit').totalMillicredits, price('stop-and-error', 'stop-and-error', 'amplience').totalMillicredits], [300, 100]);
  });

  it('charges a parked Wait when it parks and the same key and amount once it resumes (Twenty, deployed)', () => {
    const parked = price('wait-parked', 'wait', 'twenty', 'trigger');
    const resumed = price('wait-resumed', 'wait', 'twenty', 'trigger');
    assert.deepEqual(summary(parked), ['Before Wait#0:run=1000', 'Wait#0:run=1000']);
    assert.deepEqual(summary(resumed), ['Before Wait#0:run=1000', 'Wait#0:run=1000', 'After Wait#0:run=1000']);
    assert.equal(parked.charges[1]?.key, resumed.charges[1]?.key);
  });

  it('counts the helper runs of a resumed Wait execution once across both reports (Monkedo, deployed)', () => {
    const parked = price('wait-parked', 'wait', 'monkedo', 'trigger');
    const resumed = price('wait-resumed', 'wait', 'monkedo', 'trigger', parked.state);
    assert.deepEqual([parked.state.helperRuns, resumed.state.helperRuns, resumed.state.helperRunsCounted], [3, 4, { '141717': 4 }]);
  });
});
