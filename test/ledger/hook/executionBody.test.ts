import assert from 'node:assert/strict';
import { prepareExecution } from '../../../ledger/src/hook/executionBody';

const workflow = { id: 7, name: 'W', nodes: [{ name: 'A', type: 'n8n-nodes-base.set' }, { name: 'broken' }], connections: {} };

describe('prepareExecution (hook run data)', () => {
  it('keeps item json, drops binary data, and numbers the workflow id as text', () => {
    const run = { mode: 'webhook', status: 'success', data: { resultData: { runData: { A: [{ executionStatus: 'success', data: { main: [[{ json: { a: 1 }, binary: { file: { data: 'x'.repeat(1000) } } }]] } }] } } } };
    const p = prepareExecution(run, workflow, 42)!;
    const body = JSON.parse(p.body);
    assert.deepEqual([p.executionId, body.workflowId, body.run.data.resultData.runData.A[0].data], ['42', '7', { main: [[{ json: { a: 1 } }]] }]);
  });

  it('notes the nodes and runs it could not read instead of throwing', () => {
    const run = { data: { resultData: { runData: { A: [{ executionStatus: 'success' }, 7], B: { not: 'a list' } } } } };
    const p = prepareExecution(run, workflow, 'e1')!;
    assert.deepEqual([p.nodeRuns, p.dropped], [1, ['a workflow node without a name or type', 'node "A" run 1: not an object', 'node "B": its runs are not a list']]);
  });

  it('copies errors that point back at themselves without a cycle', () => {
    const error: Record<string, unknown> = { message: 'boom', name: 'NodeApiError' };
    error.self = error;
    const run = { status: 'error', data: { resultData: { runData: { A: [{ executionStatus: 'error', error, metadata: { loop: error } }] }, error } } };
    const body = JSON.parse(prepareExecution(run, workflow, 'e2')!.body);
    assert.deepEqual(body.run.data.resultData.error, { message: 'boom', name: 'NodeApiError' });
    assert.deepEqual(body.run.data.resultData.runData.A[0].metadata, { loop: { message: 'boom', name: 'NodeApiError' } });
  });

  it('derives the outcome of a run n8n still marks running: error, waiting or success', () => {
    const status = (run: Record<string, unknown>) => JSON.parse(prepareExecution(run, workflow, 'e')!.body).run.status;
    const failed = { status: 'running', data: { resultData: { runData: {}, error: { message: 'planned failure' } } } };
    const parked = { status: 'running', waitTill: '2026-01-01T00:00:00.000Z', data: { resultData: { runData: {} } } };
    const done = { status: 'running', data: { resultData: { runData: {} } } };
    assert.deepEqual([status(failed), status(parked), status(done), status({ ...done, status: 'canceled' })], ['error', 'waiting', 'success', 'canceled']);
  });

  it('returns null without an execution id', () => {
    assert.equal(prepareExecution({}, workflow, undefined), null);
  });

  it('marks a run the admission check refused', () => {
    const run = { status: 'error', data: { resultData: { runData: {}, error: { message: 'n8n Credits: the workspace has no credits left' } } } };
    assert.equal(prepareExecution(run, workflow, 'e3')!.refusedByCredits, true);
  });
});
