import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWorkflowBase,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { expectOk, ledgerRequest, type LedgerBody, type LedgerOk } from '../Credits/transport';
import { nestUnderParent } from './nestUnderParent';
import { refuseUncovered } from './refuseUncovered';

/** Parses the Workflow JSON parameter into a workflow with nodes and connections, or fails naming the problem. */
function parseWorkflow(ctx: IExecuteFunctions): IWorkflowBase {
	const raw = ctx.getNodeParameter('workflowJson', 0) as unknown;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), `Workflow JSON is not valid JSON: ${(error as Error).message}`);
		}
	}
	const workflow = value as IWorkflowBase;
	if (typeof value !== 'object' || value === null || !Array.isArray(workflow.nodes) || typeof workflow.connections !== 'object') {
		throw new NodeOperationError(ctx.getNode(), 'Workflow JSON must be a workflow with "nodes" and "connections"');
	}
	return workflow;
}

export class MeteredSubworkflow implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Metered Sub-Workflow',
		name: 'meteredSubworkflow',
		icon: { light: 'file:meteredSubworkflow.svg', dark: 'file:meteredSubworkflow.dark.svg' },
		group: ['transform'],
		version: 1,
		description: 'Run a sub-workflow and charge every node run it made to the Credits ledger',
		subtitle: '={{$parameter["guard"] ? "guarded by its estimate" : "metered"}}',
		defaults: { name: 'Metered Sub-Workflow' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'creditsApi', required: true }],
		usableAsTool: true,
		properties: [
			{
				displayName: 'Workflow JSON',
				name: 'workflowJson',
				type: 'json',
				typeOptions: { rows: 10 },
				default: '{\n  "nodes": [],\n  "connections": {}\n}',
				required: true,
				description: 'The sub-workflow (an export starting at an Execute Workflow Trigger); its definition is what the ledger prices and estimates',
			},
			{
				displayName: 'Guard With the Estimate',
				name: 'guard',
				type: 'boolean',
				default: true,
				description: 'Whether to check, before starting, that the balance covers what the ledger estimates the sub-workflow costs',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Member ID',
						name: 'memberId',
						type: 'string',
						default: '',
						description: 'The member the usage is for',
					},
				],
			},
		],
	};

	/**
	 * Estimates the child with the ledger and guards the balance (`refuseUncovered`: the daily limit
	 * refuses under every policy; past the credits `overdraft` runs on, `stop` and `pause` refuse), runs it with all input items, then posts its run data to
	 * `POST /v1/executions` under the parent execution (child nodes named `<this node>[<run>] › <node>`)
	 * so the ledger prices every node run, and
	 * returns the child's output with the metering summary on each item.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const workflow = parseWorkflow(this);
		const items = this.getInputData();
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const mode = this.getMode();
		let estimate: LedgerOk<'POST /v1/estimates'> | undefined;
		if (this.getNodeParameter('guard', 0, true) as boolean) {
			estimate = expectOk(this, await ledgerRequest(this, 'POST', '/v1/estimates', { workflow, mode }), 'Estimating the sub-workflow');
			const card = expectOk(this, await ledgerRequest(this, 'GET', '/v1/balance'), 'Reading the balance');
			refuseUncovered(this.getNode(), card, Number(estimate.millicredits));
		}
		const parent = this.getWorkflow();
		const executionId = this.getExecutionId();
		let child: Awaited<ReturnType<IExecuteFunctions['executeWorkflow']>>;
		try {
			child = await this.executeWorkflow({ code: workflow }, items, undefined, {
				parentExecution: { executionId, workflowId: String(parent.id ?? '') },
			});
		} catch (error) {
			const message = `The sub-workflow failed: ${(error as Error).message}`;
			if (this.continueOnFail()) return [items.map((_, item) => ({ json: { error: message }, pairedItem: { item } }))];
			throw new NodeOperationError(this.getNode(), message, { description: 'Its node runs before the failure were not metered by this node; the instance hook meters failed executions.' });
		}
		const runData = await this.getExecutionDataById(child.executionId);
		let metered: IDataObject = { childExecutionId: child.executionId, recorded: 0 };
		if (runData) {
			// Under the parent execution, each child node named after this node's run: `Metered[0] › Set`.
			const nested = nestUnderParent(workflow, runData as unknown as IDataObject, `${this.getNode().name}[${this.getWorkflowDataProxy(0).$runIndex}] › `);
			const body: LedgerBody<'POST /v1/executions'> = {
				workflow: nested.workflow,
				run: { executionId: executionId ?? child.executionId, mode: mode === 'manual' ? 'manual' : 'integrated', status: 'success', data: nested.runData },
				workflowId: parent.id === undefined ? null : String(parent.id),
				workflowName: parent.name ?? null,
			};
			if (options.memberId) body.memberId = String(options.memberId);
			const priced = expectOk(this, await ledgerRequest(this, 'POST', '/v1/executions', body), 'Metering the sub-workflow');
			metered = { childExecutionId: child.executionId, parentExecutionId: executionId ?? null, millicredits: priced.totalMillicredits, recorded: priced.recorded, duplicates: priced.duplicates };
		}
		if (estimate) metered.estimatedMillicredits = estimate.millicredits;
		const output = (child.data?.[0] ?? []) as INodeExecutionData[];
		return [output.map((item, index) => ({ json: { ...item.json, metered }, pairedItem: { item: Math.min(index, Math.max(0, items.length - 1)) } }))];
	}
}
