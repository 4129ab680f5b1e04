import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Runs `step` for every input item. Each result item is paired with its input item. A failing
 * item becomes an error item `{ json: { error }, pairedItem }` under "Continue On Fail";
 * otherwise the error is thrown with the item's index (a `NodeOperationError` when it was not
 * already an n8n error).
 */
export async function forEachItem(
	ctx: IExecuteFunctions,
	step: (itemIndex: number, item: INodeExecutionData) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await step(itemIndex, items[itemIndex]);
			for (const json of Array.isArray(result) ? result : [result]) out.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (ctx.continueOnFail()) {
				out.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
				continue;
			}
			throw withItemIndex(ctx, error, itemIndex);
		}
	}
	return out;
}

/** The error with `itemIndex` in its context (wrapped in a `NodeOperationError` when it is a plain error). */
export function withItemIndex(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	const context = (error as { context?: IDataObject }).context;
	if (context && typeof context === 'object') {
		context.itemIndex = itemIndex;
		return error as Error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** The default idempotency key of a step: `executionId:nodeName:runIndex:item<i>[:suffix]`. */
export function defaultKey(ctx: IExecuteFunctions, itemIndex: number, suffix = ''): string {
	const runIndex = Number(ctx.getWorkflowDataProxy(itemIndex).$runIndex ?? 0);
	return `${ctx.getExecutionId()}:${ctx.getNode().name}:${runIndex}:item${itemIndex}${suffix ? `:${suffix}` : ''}`;
}

/** The run's mode and the workflow, as the ledger records them (fields of a usage event). */
export function runContext(ctx: IExecuteFunctions): { executionId: string; mode: string; workflowId: string | null; workflowName: string | null; nodeName: string } {
	const workflow = ctx.getWorkflow();
	return {
		executionId: ctx.getExecutionId(),
		mode: ctx.getMode(),
		workflowId: workflow.id === undefined ? null : String(workflow.id),
		workflowName: workflow.name ?? null,
		nodeName: ctx.getNode().name,
	};
}
