import { strict as assert } from 'node:assert';
import { analyzeWorkflow } from '../../../shared-pricing/src/estimate';
import { analyze, book, fixture, nodeOf } from './fixtures';

const run = (text: string) => analyzeWorkflow(text, book, undefined, { fileName: 'bad.workflow.json' });

describe('analyzeWorkflow: bad input', () => {
  it('reports text that is not JSON as not a workflow, with a line', () => {
    const analysis = run('hello\nworld');
    assert.deepEqual([analysis.ok, analysis.findings[0]?.ruleId, analysis.findings[0]?.range.line], [false, 'estimate/syntax', 1]);
    assert.equal(analysis.findings.at(-1)?.ruleId, 'estimate/not-a-workflow');
  });

  it('reports JSON that is not a workflow', () => {
    const analysis = run('{"name": "x", "items": []}');
    assert.deepEqual([analysis.ok, analysis.findings.map((f) => f.message)], [false, ['not an n8n workflow: it has no "nodes" array']]);
  });

  it('reports broken JSON nested past the parser\'s depth as not a workflow instead of overflowing the stack', () => {
    const analysis = run('{"nodes": [' + '['.repeat(100_000));
    assert.deepEqual([analysis.ok, analysis.findings.map((f) => f.message)], [false, ['the workflow nests arrays and objects deeper than 512 levels; it is not read']]);
  });

  it('refuses valid JSON whose parameters nest past the limit, which would overflow recursive code downstream', () => {
    const deep = '['.repeat(5_000) + ']'.repeat(5_000);
    const text = `{"nodes": [{"name": "Start", "type": "n8n-nodes-base.manualTrigger", "parameters": {"deep": ${deep}}}], "connections": {}}`;
    JSON.parse(text); // valid JSON: only the depth is wrong
    const analysis = run(text);
    assert.deepEqual([analysis.ok, analysis.findings.map((f) => f.message)], [false, ['the workflow nests arrays and objects deeper than 512 levels; it is not read']]);
  });

  it('holds an absurd maxTokens option to the most tokens one call can take instead of throwing', () => {
    const workflow = JSON.parse(fixture('agent')) as { nodes: Array<{ name: string; parameters: { options?: Record<string, unknown> } }> };
    const model = workflow.nodes.find((n) => n.name === 'Model');
    assert.ok(model?.parameters.options);
    model.parameters.options.maxTokens = 1e300;
    const analysis = run(JSON.stringify(workflow));
    // 5 calls at most (the agent's maxIterations), each 1,000 input tokens at 1000 mc/1K and 100M output tokens at 2000 mc/1K.
    assert.equal(nodeOf(analysis, 'Model').credits.max, 5 * (1_000 + 200_000_000));
  });

  it('reports a JSON array as not a workflow', () => {
    assert.deepEqual(run('[1, 2]').findings.map((f) => f.ruleId), ['estimate/not-a-workflow']);
  });

  it('keeps analysing the nodes before a syntax error and reports its line', () => {
    const text = fixture('linear');
    const broken = text.slice(0, text.indexOf('"name": "Code"'));
    const analysis = run(broken);
    assert.equal(analysis.ok, true);
    assert.deepEqual(analysis.nodes.map((n) => n.name), ['Manual', 'Set', 'HTTP']);
    assert.deepEqual([analysis.findings[0]?.ruleId, analysis.findings[0]?.range.line], ['estimate/syntax', broken.split('\n').length]);
  });

  it('skips a node without a type with a finding on its line, and analyses the others', () => {
    const text = JSON.stringify({ nodes: [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' }, { name: 'No Type' }, { name: 'HTTP', type: 'n8n-nodes-base.httpRequest' }], connections: { Start: { main: [[{ node: 'HTTP', type: 'main', index: 0 }]] } } }, null, 2);
    const analysis = run(text);
    assert.deepEqual(analysis.findings.map((f) => [f.ruleId, f.range.line, f.message]), [['estimate/bad-node', 7, 'nodes[1] is skipped: node "No Type" has no type']]);
    assert.equal(analysis.perExecution.expected, 1005);
  });

  it('drops a connection to a missing node with a finding', () => {
    const text = JSON.stringify({ nodes: [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' }], connections: { Start: { main: [[{ node: 'Ghost', type: 'main', index: 0 }]] } } });
    assert.deepEqual(run(text).findings.map((f) => f.message), ['"Start" is connected to "Ghost", which is not a node of this workflow']);
  });

  it('counts each node of a cycle outside a loop once, with a finding naming the cycle', () => {
    const analysis = analyze('cycle');
    assert.deepEqual([nodeOf(analysis, 'A').runs.expected, nodeOf(analysis, 'B').runs.expected], [1, 1]);
    assert.deepEqual(analysis.findings.map((f) => f.message), ['connections form a cycle outside a Loop Over Items node (A → B → A); each node on it is counted once per pass and the cycle is not followed']);
  });

  it('assumes batch size 1 for a batch size of 0, with a finding', () => {
    const analysis = analyze('bad-batch');
    assert.deepEqual([analysis.findings[0]?.ruleId, nodeOf(analysis, 'Body').runs.expected], ['estimate/bad-batch-size', 1]);
  });

  it('ignores a negative item count in the notes with a finding and uses the default', () => {
    const text = fixture('loop').replace('credits: items=25', 'credits: items=-5');
    const analysis = run(text);
    assert.deepEqual([analysis.findings[0]?.ruleId, nodeOf(analysis, 'Body').runs.expected], ['estimate/bad-assumption', 1]);
  });

  it('ignores a negative item count in the config with a finding', () => {
    const analysis = analyze('fan-out', { nodes: { Fetch: { itemsPerFanOut: -3 } } });
    assert.deepEqual([analysis.findings[0]?.message, nodeOf(analysis, 'Hash').credits.expected], ['nodes.Fetch: itemsPerFanOut = -3 is ignored; expected a number ≥ 0', 100]);
  });

  it('never throws on values of the wrong type anywhere', () => {
    const text = JSON.stringify({ nodes: [null, 3, { name: 'T', type: 'n8n-nodes-base.scheduleTrigger', parameters: { rule: { interval: [{ field: 'minutes', minutesInterval: 'x' }] } } }], connections: { T: 5, U: { main: 'no' } } });
    const analysis = run(text);
    assert.deepEqual(analysis.findings.map((f) => f.ruleId), ['estimate/bad-node', 'estimate/bad-node', 'estimate/missing-node', 'estimate/bad-schedule']);
  });

  it('never reports a silent zero for an unreadable schedule: it falls back to the runs per month assumption', () => {
    const text = JSON.stringify({ nodes: [{ name: 'T', type: 'n8n-nodes-base.scheduleTrigger', parameters: { rule: { interval: [{ field: 'cronExpression', expression: '61 * * * *' }] } } }], connections: {} });
    assert.deepEqual(run(text).monthly.runsPerMonth.expected, 1000);
  });
});
