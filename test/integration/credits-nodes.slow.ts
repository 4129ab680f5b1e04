import assert from 'node:assert/strict';
import { PollContext } from 'n8n-core';
import type { INodeTypes, IPollFunctions } from 'n8n-workflow';
import { createSubWorkflowRunner, loadCoreNodeTypes, prepareExecution, resumeWorkflow, runWorkflow } from '../support/n8n-engine';
import { creditsCredentialsHelper } from './support/credentials-helper';
import { startLedgerProcess, type LedgerProcess } from './support/ledger-process';
import { buildCreditsPackage } from './support/package-build';
import { code, connect, CREDITS, METERED, node, noOp, trigger, TRIGGER, workflow } from './support/workflows';

const record = (name: string, parameters: Record<string, unknown>) => node(name, CREDITS, { resource: 'usage', operation: 'record', options: {}, ...parameters });
const guard = (parameters: Record<string, unknown>) => node('Guard', CREDITS, { resource: 'balance', operation: 'guard', ...parameters });

describe('integration', () => {
	describe('the built Credits package in the n8n engine against n8n-credits serve', function () {
		this.timeout(300_000);
		let ledger: LedgerProcess;
		let nodeTypes: INodeTypes;
		let packageDir: string;
		let meterKey: string;

		before(async () => {
			packageDir = buildCreditsPackage();
			[ledger, nodeTypes] = await Promise.all([startLedgerProcess(), loadCoreNodeTypes([packageDir])]);
			meterKey = (await ledger.api('POST', '/v1/keys', { role: 'meter', name: 'n8n nodes' })).body.key;
		});
		after(async () => {
			await ledger?.stop();
		});

		const run = (json: Parameters<typeof runWorkflow>[0], executionId: string, key = meterKey, mode: 'trigger' | 'manual' = 'trigger') =>
			runWorkflow(json, { nodeTypes, executionId, mode, credentialsHelper: creditsCredentialsHelper(packageDir, { url: ledger.url, apiKey: key }) });
		const entries = async (executionId: string) => {
			const r = await ledger.api('GET', `/v1/executions/${executionId}/entries`);
			return r.status === 404 ? [] : (r.body.entries as Array<{ key: string; millicredits: number; nodeName: string; kind: string; model: string | null; tokens: unknown }>);
		};
		const setPlan = async (plan: Record<string, unknown>) => assert.equal((await ledger.api('PUT', '/v1/plan', { plan: { extends: 'twenty', ...plan } })).status, 200);
		/** A plan change keeps what the period used (docs/ledger.md), so a test that needs a known balance gets a ledger of its own. */
		const startAfresh = async (plan: Record<string, unknown>) => {
			await ledger.stop();
			ledger = await startLedgerProcess();
			meterKey = (await ledger.api('POST', '/v1/keys', { role: 'meter', name: 'n8n nodes' })).body.key;
			await setPlan(plan);
		};

		it('charges every item of a Loop Over Items of 100 items once', async () => {
			await setPlan({});
			const json = workflow(
				'loop',
				[trigger(), code('Make 100 Items', 'return Array.from({ length: 100 }, (_, i) => ({ json: { n: i + 1 } }));'), node('Loop Over Items', 'n8n-nodes-base.splitInBatches', { batchSize: 10, options: {} }, 3), record('Charge Item', { pricing: 'fixed', amount: 0.25 }), noOp('Done')],
				connect(['Start', 'Make 100 Items'], ['Make 100 Items', 'Loop Over Items'], ['Loop Over Items', 'Done', 0], ['Loop Over Items', 'Charge Item', 1], ['Charge Item', 'Loop Over Items']),
			);
			const { run: result } = await run(json, 'loop-100');
			assert.equal(result.status, 'success');
			const charged = await entries('loop-100');
			assert.equal(charged.length, 100);
			assert.equal(new Set(charged.map((e) => e.key)).size, 100);
			assert.equal(charged.reduce((s, e) => s + e.millicredits, 0), 25_000);
			assert.deepEqual([charged[0].key, charged[99].key].sort(), ['loop-100:Charge Item:0:item0', 'loop-100:Charge Item:9:item9']);
		});

		it('does not charge the same execution twice when it runs again', async () => {
			await setPlan({});
			const json = workflow('twice', [trigger(), code('Items', 'return [{ json: { a: 1 } }, { json: { a: 2 } }];'), record('Charge', { pricing: 'fixed', amount: 1.5 })], connect(['Start', 'Items'], ['Items', 'Charge']));
			const before = (await ledger.api('GET', '/v1/balance')).body.consumedThisPeriod as number;
			await run(json, 'twice-1');
			const second = await run(json, 'twice-1');
			const after = (await ledger.api('GET', '/v1/balance')).body.consumedThisPeriod as number;
			assert.deepEqual([(await entries('twice-1')).length, after - before], [2, 3000]);
			assert.deepEqual(second.run.data.resultData.runData.Charge[0].data!.main[0]!.map((i) => (i.json.credits as { status: string }).status), ['duplicate', 'duplicate']);
		});

		it('charges AI token usage found in the item at the model rate of the price book', async () => {
			await setPlan({});
			const json = workflow(
				'tokens',
				[trigger(), code('LLM Answer', "return [{ json: { model: 'gpt-4o-mini', usage: { prompt_tokens: 1000, completion_tokens: 500 } } }];"), record('Charge Tokens', { pricing: 'tokens', model: '', usageField: '' })],
				connect(['Start', 'LLM Answer'], ['LLM Answer', 'Charge Tokens']),
			);
			await run(json, 'tokens-1');
			const [entry] = await entries('tokens-1');
			assert.deepEqual([entry.millicredits, entry.kind, entry.model, entry.tokens], [450, 'tokens', 'gpt-4o-mini', { input: 1000, output: 500 }]);
		});

		it('routes to insufficient when the balance does not cover the estimate, and charges nothing', async () => {
			await setPlan({ allocation: 2000, rolloverCap: 0, exhaustion: 'stop' });
			const json = workflow(
				'guard',
				[trigger(), guard({ estimatedCost: 5, whenInsufficient: 'route' }), record('Enough Path', { pricing: 'fixed', amount: 5 }), noOp('Insufficient Path')],
				connect(['Start', 'Guard'], ['Guard', 'Enough Path', 0], ['Guard', 'Insufficient Path', 1]),
			);
			const { run: result } = await run(json, 'guard-1');
			const runData = result.data.resultData.runData;
			assert.equal(result.status, 'success');
			assert.deepEqual([runData['Insufficient Path']?.[0].data?.main[0]?.length, runData['Enough Path']], [1, undefined]);
			assert.deepEqual(await entries('guard-1'), []);
		});

		it('puts the execution to wait until the renewal time the ledger gave, under a pause plan', async () => {
			await startAfresh({ allocation: 1000, rolloverCap: 0, exhaustion: 'pause' });
			const card = (await ledger.api('GET', '/v1/balance')).body;
			const json = workflow(
				'pause',
				[trigger(), guard({ estimatedCost: 3, whenInsufficient: 'plan' }), record('After Renewal', { pricing: 'fixed', amount: 0.5 })],
				connect(['Start', 'Guard'], ['Guard', 'After Renewal', 0]),
			);
			const parked = await run(json, 'pause-1');
			assert.equal(parked.run.status, 'waiting');
			assert.equal(parked.run.waitTill?.toISOString(), card.resetsAt);
			assert.deepEqual(await entries('pause-1'), []);
			const resumed = await resumeWorkflow(json, parked, { nodeTypes, credentialsHelper: creditsCredentialsHelper(packageDir, { url: ledger.url, apiKey: meterKey }) });
			assert.equal(resumed.run.status, 'success');
			assert.deepEqual((await entries('pause-1')).map((e) => e.millicredits), [500]);
		});

		it('fails naming the item when the key is wrong, and records nothing', async () => {
			await setPlan({});
			const json = workflow('wrong-key', [trigger(), record('Charge', { pricing: 'fixed', amount: 1 })], connect(['Start', 'Charge']));
			const { run: result } = await run(json, 'wrong-key-1', 'n8c_not-a-real-key');
			assert.equal(result.status, 'error');
			assert.equal(result.data.resultData.error?.message, 'Pricing failed for item 0: the API key was refused (401): check the Credits API credential');
			assert.deepEqual(await entries('wrong-key-1'), []);
		});

		it('records nothing for an editor run under a plan whose editor runs are free', async () => {
			await setPlan({ editorRunsFree: true });
			const json = workflow('editor', [trigger(), record('Charge', { pricing: 'fixed', amount: 1 })], connect(['Start', 'Charge']));
			const { run: result } = await run(json, 'editor-1', meterKey, 'manual');
			assert.equal((result.data.resultData.runData.Charge[0].data!.main[0]![0].json.credits as { status: string }).status, 'free');
			assert.deepEqual(await entries('editor-1'), []);
		});

		it('runs a metered sub-workflow, records every node run of the child as priced by the ledger, and returns its output', async () => {
			await setPlan({});
			const child = workflow(
				'child',
				[node('Child Start', 'n8n-nodes-base.executeWorkflowTrigger', { inputSource: 'passthrough' }, 1.1), code('Double', 'return $input.all().map((i) => ({ json: { n: i.json.n * 2 } }));'), noOp('Child Done')],
				connect(['Child Start', 'Double'], ['Double', 'Child Done']),
			);
			const children: string[] = [];
			const parent = workflow(
				'parent',
				[trigger(), code('Items', 'return [{ json: { n: 1 } }, { json: { n: 2 } }];'), node('Metered', METERED, { workflowJson: JSON.stringify(child), guard: true, options: {} })],
				connect(['Start', 'Items'], ['Items', 'Metered']),
			);
			const credentialsHelper = creditsCredentialsHelper(packageDir, { url: ledger.url, apiKey: meterKey });
			const executeWorkflow = createSubWorkflowRunner({ nodeTypes, workflows: {}, credentialsHelper, onChildRun: (c) => children.push(c.executionId) });
			const { run: result } = await runWorkflow(parent, { nodeTypes, executionId: 'parent-1', mode: 'trigger', credentialsHelper, executeWorkflow });
			assert.equal(result.status, 'success', JSON.stringify(result.data.resultData.error));
			const out = result.data.resultData.runData.Metered[0].data!.main[0]!;
			assert.deepEqual(out.map((i) => i.json.n), [2, 4]);
			const metered = out[0].json.metered as { millicredits: number; estimatedMillicredits: number; childExecutionId: string; parentExecutionId: string };
			const parentEntries = await entries('parent-1');
			assert.deepEqual([metered.childExecutionId, metered.parentExecutionId], [children[0], 'parent-1']);
			// Every child node run is filed under the parent execution, named after the metering node's run.
			assert.ok(parentEntries.length > 0 && parentEntries.every((e) => e.nodeName.startsWith('Metered[0] › ')), JSON.stringify(parentEntries.map((e) => e.nodeName)));
			assert.ok(parentEntries.some((e) => e.nodeName === 'Metered[0] › Double'));
			assert.equal(parentEntries.reduce((s, e) => s + e.millicredits, 0), metered.millicredits);
			assert.equal(metered.millicredits, metered.estimatedMillicredits);
		});

		it('polls the ledger with the Credits Trigger and fires once when the balance falls under 20 % of the allocation', async () => {
			await startAfresh({ allocation: 10_000, rolloverCap: 0 });
			assert.equal((await ledger.api('POST', '/v1/usage', { key: 'poll-spend', millicredits: 8_500 })).status, 201);
			const watcher = node('Low Credits', TRIGGER, { event: 'belowThreshold', thresholdType: 'percent', threshold: 20 });
			const prepared = prepareExecution(workflow('poll', [watcher], {}), { nodeTypes, mode: 'trigger', credentialsHelper: creditsCredentialsHelper(packageDir, { url: ledger.url, apiKey: meterKey }) });
			const type = nodeTypes.getByNameAndVersion(TRIGGER, 1);
			const poll = () => type.poll!.call(new PollContext(prepared.workflow, prepared.workflow.getNode('Low Credits')!, prepared.additionalData, 'trigger', 'init') as unknown as IPollFunctions);
			const first = await poll();
			const second = await poll();
			assert.deepEqual([first?.[0][0].json.event, first?.[0][0].json.totalAvailable, first?.[0][0].json.percentAvailable], ['belowThreshold', 1500, 15]);
			assert.equal(second, null);
		});

		it('fails the execution naming the item under a stop plan, and charges nothing', async () => {
			await startAfresh({ allocation: 1000, rolloverCap: 0, exhaustion: 'stop' });
			const json = workflow('stop', [trigger(), guard({ estimatedCost: 2, whenInsufficient: 'plan' }), record('Never', { pricing: 'fixed', amount: 1 })], connect(['Start', 'Guard'], ['Guard', 'Never', 0]));
			const { run: result } = await run(json, 'stop-1');
			assert.equal(result.status, 'error');
			assert.equal(result.data.resultData.error?.message, 'Insufficient credits for item 0: it needs 2, 1 available (plan policy "stop")');
			assert.deepEqual(await entries('stop-1'), []);
		});

		it('says the ledger cannot be reached when nothing listens at its URL', async () => {
			const json = workflow('down', [trigger(), record('Charge', { pricing: 'fixed', amount: 1 })], connect(['Start', 'Charge']));
			const { run: result } = await runWorkflow(json, { nodeTypes, executionId: 'down-1', mode: 'trigger', credentialsHelper: creditsCredentialsHelper(packageDir, { url: 'http://127.0.0.1:9', apiKey: meterKey }) });
			assert.equal(result.data.resultData.error?.message, 'The ledger at http://127.0.0.1:9 cannot be reached');
		});

		it('emits an error item for an item without token usage under "continue", and charges the others', async () => {
			await setPlan({});
			const charge = { ...record('Charge Tokens', { pricing: 'tokens', model: 'gpt-4o-mini', usageField: '' }), onError: 'continueRegularOutput' as const };
			const json = workflow(
				'continue',
				[trigger(), code('Answers', "return [{ json: { usage: { prompt_tokens: 1000, completion_tokens: 0 } } }, { json: { text: 'no usage' } }];"), charge],
				connect(['Start', 'Answers'], ['Answers', 'Charge Tokens']),
			);
			const { run: result } = await run(json, 'continue-1');
			const out = result.data.resultData.runData['Charge Tokens'][0].data!.main[0]!;
			assert.deepEqual([out[1].json, out[1].pairedItem], [{ error: 'No token usage found in item 1' }, { item: 1 }]);
			assert.deepEqual((await entries('continue-1')).map((e) => [e.key, e.millicredits]), [['continue-1:Charge Tokens:0:item0', 150]]);
		});
	});
});
