import assert from 'node:assert/strict';
import sinon from 'sinon';
import { NodeOperationError } from 'n8n-workflow';
import type * as MeteredModule from '../../../nodes/MeteredSubworkflow/MeteredSubworkflow.node';
import { fakeContext, requireNodeFile, type FakeRoutes } from '../context';

const { MeteredSubworkflow } = requireNodeFile<typeof MeteredModule>('nodes/MeteredSubworkflow/MeteredSubworkflow.node.ts');

const child = { nodes: [{ name: 'Start', type: 'n8n-nodes-base.executeWorkflowTrigger' }, { name: 'Set', type: 'n8n-nodes-base.set' }], connections: { Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } } };
const runData = { resultData: { runData: { Start: [{}], Set: [{}] } } };

function setup(routes: FakeRoutes, params: Record<string, unknown> = {}) {
	const f = fakeContext({ items: [{ a: 1 }, { a: 2 }], params: { workflowJson: JSON.stringify(child), guard: true, options: {}, ...params }, routes });
	const executeWorkflow = sinon.stub().resolves({ executionId: 'child-9', data: [[{ json: { a: 1, done: true } }, { json: { a: 2, done: true } }]] });
	const getExecutionDataById = sinon.stub().resolves(runData);
	Object.assign(f.ctx, { executeWorkflow, getExecutionDataById });
	return { ...f, executeWorkflow, getExecutionDataById };
}

const estimate = (millicredits: number) => ({ statusCode: 200, body: { millicredits } });
const balance = (totalAvailable: number, exhaustion = 'stop') => ({ statusCode: 200, body: { totalAvailable, exhaustion, resetsAt: '2026-12-01T00:00:00.000Z' } });
const priced = { statusCode: 200, body: { totalMillicredits: 2200, recorded: 3, duplicates: 0 } };

describe('unit', () => {
	describe('Metered Sub-workflow', () => {
		it('guards with the estimate, runs the child with the items, posts its run data under the parent execution, and returns its output', async () => {
			const s = setup({ 'POST /v1/estimates': estimate(2200), 'GET /v1/balance': balance(5000), 'POST /v1/executions': priced });
			const [out] = await new MeteredSubworkflow().execute.call(s.ctx);
			assert.deepEqual(s.calls(), ['POST /v1/estimates', 'GET /v1/balance', 'POST /v1/executions']);
			assert.deepEqual(s.executeWorkflow.firstCall.args[1], [{ json: { a: 1 } }, { json: { a: 2 } }]);
			const nested = {
				nodes: [{ name: 'Credits[0] › Start', type: 'n8n-nodes-base.executeWorkflowTrigger' }, { name: 'Credits[0] › Set', type: 'n8n-nodes-base.set' }],
				connections: { 'Credits[0] › Start': { main: [[{ node: 'Credits[0] › Set', type: 'main', index: 0 }]] } },
			};
			assert.deepEqual(s.bodies('POST /v1/executions')[0], {
				workflow: nested,
				run: { executionId: 'exec-1', mode: 'integrated', status: 'success', data: { resultData: { runData: { 'Credits[0] › Start': [{}], 'Credits[0] › Set': [{}] }, lastNodeExecuted: undefined } } },
				workflowId: 'wf-1',
				workflowName: 'Workflow One',
			});
			assert.deepEqual(out.map((o) => [o.json.done, o.pairedItem]), [[true, { item: 0 }], [true, { item: 1 }]]);
			assert.deepEqual(out[0].json.metered, { childExecutionId: 'child-9', parentExecutionId: 'exec-1', millicredits: 2200, recorded: 3, duplicates: 0, estimatedMillicredits: 2200 });
		});

		it('refuses to start, and charges nothing, when the estimate exceeds the balance under a stop plan', async () => {
			const s = setup({ 'POST /v1/estimates': estimate(9000), 'GET /v1/balance': balance(5000), 'POST /v1/executions': priced });
			const error = await new MeteredSubworkflow().execute.call(s.ctx).catch((e: unknown) => e);
			assert.ok(error instanceof NodeOperationError);
			assert.equal(error.message, 'Insufficient credits for the sub-workflow: it is estimated at 9, 5 available');
			assert.equal(s.executeWorkflow.called, false);
			assert.deepEqual(s.bodies('POST /v1/executions'), []);
		});

		it('runs on under an overdraft plan', async () => {
			const s = setup({ 'POST /v1/estimates': estimate(9000), 'GET /v1/balance': balance(5000, 'overdraft'), 'POST /v1/executions': priced });
			await new MeteredSubworkflow().execute.call(s.ctx);
			assert.equal(s.executeWorkflow.callCount, 1);
		});

		it('refuses to start under an overdraft plan when the estimate passes the daily limit: 2.2 credits, 2 left today', async () => {
			const card = { statusCode: 200, body: { totalAvailable: 5000, dailyRemaining: 2000, exhaustion: 'overdraft', resetsAt: '2026-12-01T00:00:00.000Z', dailyResetsAt: '2026-11-22T00:00:00.000Z' } };
			const s = setup({ 'POST /v1/estimates': estimate(2200), 'GET /v1/balance': card, 'POST /v1/executions': priced });
			const error = await new MeteredSubworkflow().execute.call(s.ctx).catch((e: unknown) => e);
			assert.ok(error instanceof NodeOperationError);
			assert.equal(error.message, 'Daily limit reached for the sub-workflow: it is estimated at 2.2, 2 left today');
			assert.equal(s.executeWorkflow.called, false);
		});

		it('skips the estimate when the guard is off', async () => {
			const s = setup({ 'POST /v1/executions': priced }, { guard: false });
			await new MeteredSubworkflow().execute.call(s.ctx);
			assert.deepEqual(s.calls(), ['POST /v1/executions']);
		});

		it('refuses workflow JSON that does not parse', async () => {
			const s = setup({}, { workflowJson: '{"nodes": [' });
			await assert.rejects(new MeteredSubworkflow().execute.call(s.ctx), /^NodeOperationError: Workflow JSON is not valid JSON/);
		});

		it('refuses JSON that is not a workflow', async () => {
			const s = setup({}, { workflowJson: '{"name": "x"}' });
			await assert.rejects(new MeteredSubworkflow().execute.call(s.ctx), { message: 'Workflow JSON must be a workflow with "nodes" and "connections"' });
		});
	});
});

describe('unit', () => {
	describe('Metered Sub-workflow: a failing child', () => {
		it('fails saying the sub-workflow failed, and records nothing', async () => {
			const s = setup({ 'POST /v1/executions': priced }, { guard: false });
			s.executeWorkflow.rejects(new Error('Validate failed [line 1]'));
			await assert.rejects(new MeteredSubworkflow().execute.call(s.ctx), { message: 'The sub-workflow failed: Validate failed [line 1]' });
			assert.deepEqual(s.calls(), []);
		});

		it('emits an error item per input item under continue-on-fail', async () => {
			const s = setup({ 'POST /v1/executions': priced }, { guard: false });
			Object.assign(s.ctx, { continueOnFail: () => true });
			s.executeWorkflow.rejects(new Error('boom'));
			const [out] = await new MeteredSubworkflow().execute.call(s.ctx);
			assert.deepEqual(out, [
				{ json: { error: 'The sub-workflow failed: boom' }, pairedItem: { item: 0 } },
				{ json: { error: 'The sub-workflow failed: boom' }, pairedItem: { item: 1 } },
			]);
		});
	});
});
