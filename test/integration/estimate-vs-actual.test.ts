import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeTypes } from 'n8n-workflow';
import { analyzeWorkflow } from '../../shared-pricing/src/estimate/analyzeWorkflow';
import { getPriceBook } from '../../shared-pricing/src/price-book/loadPriceBook';
import { loadCoreNodeTypes, runWorkflow, type WorkflowJson } from '../support/n8n-engine';
import { startLedgerProcess, type LedgerProcess } from './support/ledger-process';

const FIXTURES = join(__dirname, '..', 'fixtures', 'estimate-vs-actual');
const EXECUTION_NODE = '(execution)';

/** The deterministic fixtures: a straight line, three loops (one nested), a branch, three failure shapes. */
const CASES = ['linear', 'loop-over-items', 'loop-remainder', 'nested-loops', 'if-one-branch', 'failed-step', 'stop-and-error', 'continue-on-fail'];

interface Comparison {
	estimated: number;
	recorded: number;
	/** Per node: [estimated, recorded] where they differ. */
	differences: Record<string, [number, number]>;
}

describe('integration', () => {
	describe('estimate equals actual: analyzeWorkflow against what the ledger recorded for the real run', function () {
		this.timeout(300_000);
		let ledger: LedgerProcess;
		let nodeTypes: INodeTypes;

		before(async () => {
			[ledger, nodeTypes] = await Promise.all([startLedgerProcess(), loadCoreNodeTypes()]);
		});
		after(async () => {
			await ledger?.stop();
		});

		/** Runs the fixture in the engine (a production run), posts the run to the ledger, and compares per node. */
		async function compare(name: string, executionId: string): Promise<Comparison> {
			const text = readFileSync(join(FIXTURES, `${name}.workflow.json`), 'utf8');
			const json = JSON.parse(text) as WorkflowJson;
			const { run } = await runWorkflow(json, { nodeTypes, executionId, mode: 'trigger' });
			const posted = await ledger.api('POST', '/v1/executions', { workflow: json, run, executionId });
			assert.equal(posted.status, 200, JSON.stringify(posted.body));
			const entries = (await ledger.api('GET', `/v1/executions/${executionId}/entries`)).body.entries as Array<{ nodeName: string; millicredits: number }>;
			const plan = (await ledger.api('GET', '/v1/plan')).body.plan as { priceBook: string };
			const analysis = analyzeWorkflow(text, getPriceBook(plan.priceBook));
			const recordedByNode: Record<string, number> = {};
			for (const e of entries) recordedByNode[e.nodeName] = (recordedByNode[e.nodeName] ?? 0) + e.millicredits;
			const differences: Record<string, [number, number]> = {};
			for (const n of analysis.nodes) {
				const recorded = recordedByNode[n.name] ?? 0;
				if (n.credits.expected !== recorded) differences[n.name] = [n.credits.expected, recorded];
			}
			const nominalEstimated = analysis.perExecution.expected - analysis.nodes.reduce((s, n) => s + n.credits.expected, 0);
			if (nominalEstimated !== (recordedByNode[EXECUTION_NODE] ?? 0)) differences[EXECUTION_NODE] = [nominalEstimated, recordedByNode[EXECUTION_NODE] ?? 0];
			return { estimated: analysis.perExecution.expected, recorded: entries.reduce((s, e) => s + e.millicredits, 0), differences };
		}

		describe('under a plan that charges the failed step (twenty with chargeFailedStep)', () => {
			before(async () => {
				assert.equal((await ledger.api('PUT', '/v1/plan', { plan: { extends: 'twenty', chargeFailedStep: true } })).status, 200);
			});
			for (const name of CASES) {
				it(`predicts ${name} to the millicredit, node by node`, async () => {
					const result = await compare(name, `eva-${name}`);
					assert.deepEqual(result.differences, {}, `node: [estimated, recorded] for ${name}`);
					assert.equal(result.estimated, result.recorded);
				});
			}

			// A known disagreement, kept visible: with a share s a branch runs with probability 1 − (1 − s)^k on a run of
			// k items, so the estimate is an expected value (1 − 0.4^5 = 0.98976 and 1 − 0.6^5 = 0.92224 runs of a
			// 1,000 mc Set here), not this one run (1 and 1).
			it('estimates a split IF (3 of 5 items true) as an expected value below the one real run', async () => {
				const result = await compare('if-branch', 'eva-if-branch');
				assert.deepEqual(result.differences, { 'Large Order': [990, 1000], 'Small Order': [922, 1000] });
			});
		});

		describe('under twenty as shipped (the failed step is not charged)', () => {
			before(async () => {
				assert.equal((await ledger.api('PUT', '/v1/plan', { preset: 'twenty' })).status, 200);
			});

			it('records less than the estimate by exactly the failed Code step, which the plan does not charge', async () => {
				const result = await compare('failed-step', 'eva-twenty-failed-step');
				assert.deepEqual(result.differences, { 'Validate Order': [10000, 0] });
			});

			it('predicts a run without failures to the millicredit', async () => {
				const result = await compare('loop-remainder', 'eva-twenty-loop-remainder');
				assert.deepEqual([result.differences, result.estimated], [{}, result.recorded]);
			});
		});
	});
});
