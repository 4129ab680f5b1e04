import { strict as assert } from 'node:assert';
import { analyzeWorkflow } from '../../../shared-pricing/src/estimate';
import { analyze, book, fixture, nodeOf } from './fixtures';

describe('analyzeWorkflow: Execute Workflow', () => {
  it('adds the called workflow per call: 3 items in "each" mode × (HTTP 1000 + Set 100 + 5)', () => {
    const call = nodeOf(analyze('parent'), 'Call Child');
    assert.deepEqual([call.credits.expected, call.subWorkflowCredits?.expected, call.totalCredits.expected], [100, 3315, 3415]);
  });

  it('records the calls in the calling node path', () => {
    const step = nodeOf(analyze('parent'), 'Call Child').path.at(-1);
    assert.deepEqual([step?.kind, step?.factor, step?.description], ['sub-workflow', { expected: 3, min: 3, max: 3 }, 'Call Child: 3 call(s) of child at 1105 each']);
  });

  it('includes the sub-workflow in the workflow total', () => {
    assert.equal(analyze('parent').perExecution.expected, 3920);
  });

  it('keeps the sub-workflow analysis on the calling node', () => {
    const sub = nodeOf(analyze('parent'), 'Call Child').subWorkflow;
    assert.deepEqual([sub?.id, sub?.nodes.map((n) => n.name)], ['child-1', ['Start', 'HTTP', 'Set']]);
  });

  it('asks the caller for the workflow by id', () => {
    const asked: string[] = [];
    analyzeWorkflow(fixture('parent'), book, undefined, { resolveWorkflow: (ref) => (asked.push(`${ref.source}:${ref.value}:${ref.fromNode}`), undefined) });
    assert.deepEqual(asked, ['id:child-1:Call Child']);
  });

  it('reports a workflow it cannot find and adds nothing for it', () => {
    const analysis = analyzeWorkflow(fixture('parent'), book);
    const call = nodeOf(analysis, 'Call Child');
    assert.deepEqual([call.totalCredits.expected, call.findings[0]?.ruleId], [100, 'estimate/sub-workflow']);
  });

  it('stops at a cycle of workflows calling each other, with a finding', () => {
    const analysis = analyze('calls-forth');
    assert.deepEqual(analysis.findings.map((f) => f.ruleId), ['estimate/sub-workflow-cycle']);
    assert.equal(analysis.perExecution.expected, 315);
  });

  it('enters a workflow calling itself through its Execute Workflow Trigger once', () => {
    const call = nodeOf(analyze('calls-itself'), 'Call Self');
    assert.deepEqual([call.subWorkflowCredits?.expected, call.subWorkflow?.nodes.find((n) => n.name === 'Work')?.runs.expected], [1105, 1]);
  });
});
