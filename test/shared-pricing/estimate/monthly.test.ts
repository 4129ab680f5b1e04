import { strict as assert } from 'node:assert';
import { analyze } from './fixtures';

describe('analyzeWorkflow: monthly projection', () => {
  it('projects "every Monday at 10:00 and 18:00" as 2 a week, 8 a month', () => {
    assert.deepEqual(analyze('schedule').monthly.runsPerMonth, { expected: 8, min: 8, max: 8 });
  });

  it('multiplies the runs per month by the cost per execution', () => {
    assert.deepEqual(analyze('schedule').monthly.credits, { expected: 8040, min: 8040, max: 8040 });
  });

  it('adds up the triggers: every 24 hours (30) and a webhook (1000 by assumption)', () => {
    const monthly = analyze('two-triggers').monthly;
    assert.deepEqual(monthly.triggers.map((t) => [t.node, t.runsPerMonth, t.source]), [['Daily', 30, 'schedule'], ['Hook', 1000, 'default']]);
    assert.equal(monthly.credits.expected, 30 * 1005 + 1000 * 1105);
  });

  it('weights the per-execution estimate by how often each trigger fires', () => {
    assert.deepEqual(analyze('two-triggers').perExecution, { expected: 1102, min: 1005, max: 1105 });
  });

  it('uses the manual runs per month assumption for a manual trigger', () => {
    assert.deepEqual([analyze('linear').monthly.runsPerMonth.expected, analyze('linear').monthly.credits.expected], [30, 48150]);
  });

  it('lets the webhook runs per month come from the config', () => {
    const monthly = analyze('two-triggers', { nodes: { Hook: { runsPerMonth: 10 } } }).monthly;
    assert.deepEqual(monthly.runsPerMonth.expected, 40);
  });
});
