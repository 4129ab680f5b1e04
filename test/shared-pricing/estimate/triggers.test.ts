import { strict as assert } from 'node:assert';
import { analyzeWorkflow } from '../../../shared-pricing/src/estimate';
import { book } from './fixtures';

/** A workflow of one trigger with the given parameters feeding one HTTP Request (1000). */
function withTrigger(type: string, parameters: Record<string, unknown> = {}, notes?: string): string {
  return JSON.stringify({
    nodes: [{ name: 'T', type, typeVersion: 1, parameters, notes }, { name: 'HTTP', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, parameters: {} }],
    connections: { T: { main: [[{ node: 'HTTP', type: 'main', index: 0 }]] } },
  });
}

const monthly = (text: string) => analyzeWorkflow(text, book).monthly;

describe('analyzeWorkflow: trigger projections', () => {
  it('projects a legacy Cron node from its trigger times', () => {
    const m = monthly(withTrigger('n8n-nodes-base.cron', { triggerTimes: { item: [{ mode: 'everyHour' }, { mode: 'everyWeek' }] } }));
    assert.deepEqual([m.runsPerMonth.expected, m.triggers[0]?.source], [724, 'schedule']);
  });

  it('projects a polling trigger from its poll times, with a minimum of 0 runs', () => {
    const m = monthly(withTrigger('n8n-nodes-base.gmailTrigger', { pollTimes: { item: [{ mode: 'everyX', value: 10, unit: 'minutes' }] } }));
    assert.deepEqual(m.runsPerMonth, { expected: 4320, min: 0, max: 4320 });
  });

  it('projects an Interval node', () => {
    assert.equal(monthly(withTrigger('n8n-nodes-base.interval', { interval: 2, unit: 'hours' })).runsPerMonth.expected, 360);
  });

  it('projects a Schedule Trigger cron expression', () => {
    const m = monthly(withTrigger('n8n-nodes-base.scheduleTrigger', { rule: { interval: [{ field: 'cronExpression', expression: '0 10,18 * * 1' }] } }));
    assert.deepEqual([m.runsPerMonth.expected, m.credits.expected], [8, 8 * 1005]);
  });

  it('uses the runs per month assumption for a chat trigger', () => {
    const m = monthly(withTrigger('@n8n/n8n-nodes-langchain.chatTrigger'));
    assert.deepEqual([m.runsPerMonth.expected, m.triggers[0]?.source], [1000, 'default']);
  });

  it('lets a runs= note on a trigger win over its schedule', () => {
    const m = monthly(withTrigger('n8n-nodes-base.scheduleTrigger', {}, 'credits: runs=12'));
    assert.deepEqual([m.runsPerMonth.expected, m.triggers[0]?.source], [12, 'notes']);
  });

  it('takes the items of a polling trigger from the itemsPerTrigger assumption', () => {
    const analysis = analyzeWorkflow(withTrigger('n8n-nodes-base.gmailTrigger', {}, 'credits: items=7'), book);
    assert.deepEqual([analysis.nodes[1]?.itemsPerRun.expected, analysis.assumptions[0]?.name], [7, 'itemsPerTrigger']);
  });

  it('starts a workflow without a trigger at its nodes without inputs, with a finding', () => {
    const text = JSON.stringify({ nodes: [{ name: 'A', type: 'n8n-nodes-base.set', parameters: {} }, { name: 'B', type: 'n8n-nodes-base.httpRequest', parameters: {} }], connections: { A: { main: [[{ node: 'B', type: 'main', index: 0 }]] } } });
    const analysis = analyzeWorkflow(text, book);
    assert.deepEqual([analysis.perExecution.expected, analysis.findings.map((f) => f.ruleId), analysis.monthly.runsPerMonth.expected], [1105, ['estimate/no-trigger'], 30]);
  });
});

describe('analyzeWorkflow: runaway estimates', () => {
  it('holds a chain of fan-outs at its caps with an overflow finding instead of failing', () => {
    const nodes: unknown[] = [{ name: 'T', type: 'n8n-nodes-base.manualTrigger', parameters: {} }];
    const connections: Record<string, unknown> = {};
    for (let i = 0; i < 30; i++) {
      nodes.push({ name: `S${i}`, type: 'n8n-nodes-base.splitOut', parameters: {}, notes: 'credits: items=1000' });
      connections[i === 0 ? 'T' : `S${i - 1}`] = { main: [[{ node: `S${i}`, type: 'main', index: 0 }]] };
    }
    nodes.push({ name: 'Hash', type: 'n8n-nodes-base.crypto', parameters: {} });
    connections.S29 = { main: [[{ node: 'Hash', type: 'main', index: 0 }]] };
    const analysis = analyzeWorkflow(JSON.stringify({ nodes, connections }), book);
    assert.deepEqual([analysis.findings.map((f) => f.ruleId), analysis.nodes.at(-1)?.items.expected, Number.isSafeInteger(analysis.monthly.credits.max)], [['estimate/overflow'], 1e12, true]);
  });
});
