import { strict as assert } from 'node:assert';
import { readNodeRuns, type ExecutionRun } from './pricing';
import { execution, failed, node, ok, workflow } from './runData';

const wf = workflow([node('Start', 'n8n-nodes-base.manualTrigger'), node('Set', 'n8n-nodes-base.set'), node('Off', 'n8n-nodes-base.set', {}, { disabled: true })]);

describe('readNodeRuns', () => {
  it('lists each run of each node with its run index and outcome', () => {
    const { runs } = readNodeRuns(execution('e', { Start: [ok()], Set: [ok(), failed()] }), wf);
    assert.deepEqual(runs.map((r) => [r.nodeName, r.runIndex, r.outcome]), [['Start', 0, 'completed'], ['Set', 0, 'completed'], ['Set', 1, 'failed']]);
  });

  it('orders runs by n8n\'s executionIndex, so loop iterations interleave as they ran', () => {
    const at = (i: number) => ({ ...ok(), executionIndex: i });
    const { runs } = readNodeRuns(execution('e', { Set: [at(1), at(3)], Start: [at(0), at(2)] }), wf);
    assert.deepEqual(runs.map((r) => `${r.nodeName}#${r.runIndex}`), ['Start#0', 'Set#0', 'Start#1', 'Set#1']);
  });

  it('orders the runs of a resumed execution by start time, since n8n restarts executionIndex at 0 on resume', () => {
    const at = (startTime: number, executionIndex: number) => ({ ...ok(), startTime, executionIndex });
    const { runs } = readNodeRuns(execution('e', { Start: [at(100, 0)], Set: [at(100, 1)], Other: [at(900, 0)] }), { ...wf, nodes: [...wf.nodes, node('Other', 'n8n-nodes-base.set')] });
    assert.deepEqual(runs.map((r) => r.nodeName), ['Start', 'Set', 'Other']);
  });

  it('marks a waiting run (a parked Wait) as waiting', () => {
    const { runs } = readNodeRuns(execution('e', { Set: [{ ...ok(), executionStatus: 'waiting' }] }), wf);
    assert.equal(runs[0]?.outcome, 'waiting');
  });

  it('treats an error without a status (older n8n) as a failure', () => {
    const { runs } = readNodeRuns(execution('e', { Set: [{ startTime: 1, error: { message: 'x' } }] }), wf);
    assert.equal(runs[0]?.outcome, 'failed');
  });

  it('skips, with reasons, a null run, a run still running, a disabled node, an unknown node and a non-array entry', () => {
    const run = execution('e', { Start: [null as never, { executionStatus: 'running' }], Off: [ok()], Ghost: [ok()], Set: {} as never });
    const { runs, skipped } = readNodeRuns(run, wf);
    assert.equal(runs.length, 0);
    assert.deepEqual(skipped.map((s) => [s.nodeName, s.runIndex]), [['Start', 0], ['Start', 1], ['Off', 0], ['Ghost', undefined], ['Set', undefined]]);
    assert.match(skipped[0]!.reason, /null/);
    assert.match(skipped[1]!.reason, /still running/);
    assert.match(skipped[2]!.reason, /disabled/);
    assert.match(skipped[3]!.reason, /not in the workflow/);
    assert.match(skipped[4]!.reason, /expected an array of runs, got object/);
  });

  it('reports an execution without run data as skipped instead of throwing', () => {
    const odd = [{ executionId: 'e', data: null }, { executionId: 'e' }, { executionId: 'e', data: { resultData: { runData: null } } }] as ExecutionRun[];
    for (const run of odd) assert.match(readNodeRuns(run, wf).skipped[0]!.reason, /no run data/);
  });

  it('tolerates a workflow without nodes by skipping every run as unknown', () => {
    const { skipped } = readNodeRuns(execution('e', { Set: [ok()] }), { connections: {} } as never);
    assert.equal(skipped.length, 1);
  });
});
