import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { creditsText, toMillicredits } from '../../helpers/amounts';
import { defaultKey, forEachItem, runContext } from '../../helpers/items';
import { readItemTokens } from '../../helpers/tokens';
import { expectOk, ledgerErrorText, ledgerRequest, refusalOf, type LedgerBody } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Price By',
		name: 'pricing',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'AI Token Usage', value: 'tokens', description: 'Tokens found in the input item, priced by model' },
			{ name: 'Fixed Amount', value: 'fixed', description: 'A number of credits you give' },
			{ name: 'Node Type', value: 'nodeType', description: "The ledger's price book price for a node type" },
		],
		default: 'fixed',
		description: 'How the charge is priced',
	},
	{
		displayName: 'Amount (Credits)',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 3 },
		default: 1,
		description: 'Credits to charge for each item (rounded to the millicredit)',
		displayOptions: { show: { pricing: ['fixed'] } },
	},
	{
		displayName: 'Node Type',
		name: 'nodeType',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'n8n-nodes-base.httpRequest',
		description: 'The node type whose price-book price is charged',
		displayOptions: { show: { pricing: ['nodeType'] } },
	},
	{
		displayName: 'Items',
		name: 'units',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1,
		description: 'Items counted for node types priced per item',
		displayOptions: { show: { pricing: ['nodeType'] } },
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'string',
		default: '',
		placeholder: 'gpt-4o-mini',
		description: 'The model whose rates price the tokens; empty to use the model named in the item',
		displayOptions: { show: { pricing: ['tokens'] } },
	},
	{
		displayName: 'Usage Field',
		name: 'usageField',
		type: 'string',
		default: '',
		placeholder: 'response',
		description: "Dotted path to the object holding the usage; empty to look at the item's top level (tokenUsage, usage)",
		displayOptions: { show: { pricing: ['tokens'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Idempotency Key',
				name: 'key',
				type: 'string',
				default: '',
				description: 'One charge per key; by default execution ID, node name, run index and item index',
			},
			{
				displayName: 'Member ID',
				name: 'memberId',
				type: 'string',
				default: '',
				description: 'The member (customer or team) the usage is for',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['usage'], operation: ['record'] } }, properties);

/** What one item costs: the quote body for the ledger and the fields recorded with the charge. */
function quoteBody(ctx: IExecuteFunctions, itemIndex: number, json: IDataObject): { quote: IDataObject; event: IDataObject } {
	const pricing = ctx.getNodeParameter('pricing', itemIndex) as string;
	const node = ctx.getNode();
	if (pricing === 'fixed') {
		const millicredits = toMillicredits(node, ctx.getNodeParameter('amount', itemIndex), 'Amount', itemIndex);
		return { quote: { millicredits }, event: { kind: 'fixed', nodeType: node.type } };
	}
	if (pricing === 'nodeType') {
		const nodeType = String(ctx.getNodeParameter('nodeType', itemIndex) ?? '').trim();
		if (!nodeType) throw new NodeOperationError(node, `Node Type is empty (item ${itemIndex})`, { itemIndex });
		const units = Number(ctx.getNodeParameter('units', itemIndex, 1));
		if (!Number.isSafeInteger(units) || units < 0) {
			throw new NodeOperationError(node, `Items must be a whole number ≥ 0, got ${String(ctx.getNodeParameter('units', itemIndex, 1))} (item ${itemIndex})`, { itemIndex });
		}
		return { quote: { nodeType, items: units }, event: { kind: 'nodeType', nodeType } };
	}
	const field = String(ctx.getNodeParameter('usageField', itemIndex, '') ?? '');
	const usage = readItemTokens(ctx, json, field, itemIndex);
	if (!usage) {
		throw new NodeOperationError(node, `No token usage found in item ${itemIndex}${field ? ` at "${field}"` : ''}`, {
			itemIndex,
			description: 'Expected tokenUsage {promptTokens, completionTokens}, usage {prompt_tokens, completion_tokens} (OpenAI) or usage {input_tokens, output_tokens} (Anthropic)',
		});
	}
	const model = String(ctx.getNodeParameter('model', itemIndex, '') ?? '').trim() || usage.model;
	if (!model) throw new NodeOperationError(node, `No model given for the tokens of item ${itemIndex}: set Model or include "model" in the item`, { itemIndex });
	const tokens = { input: usage.input, output: usage.output };
	return { quote: { tokens, model }, event: { kind: 'tokens', nodeType: node.type, model, tokens } };
}

/** Usage → Record: prices each item (fixed, node type or tokens) with the ledger and records it once per key. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run = runContext(this);
	const out = await forEachItem(this, async (itemIndex, item) => {
		const { quote, event } = quoteBody(this, itemIndex, item.json);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const key = String(options.key || defaultKey(this, itemIndex));
		const priced = expectOk(this, await ledgerRequest(this, 'POST', '/v1/quote', { ...quote, mode: run.mode }, undefined, itemIndex), 'Pricing', itemIndex);
		const millicredits = Number(priced.millicredits);
		if (priced.free === true) {
			return { ...item.json, credits: { status: 'free', key, millicredits: 0, reason: `editor run: free under plan "${String((priced.plan as IDataObject)?.name)}"` } };
		}
		const body: LedgerBody<'POST /v1/usage'> = {
			...run,
			...event,
			kind: event.kind === 'tokens' ? 'tokens' : 'usage',
			key,
			millicredits,
			runIndex: Number(this.getWorkflowDataProxy(itemIndex).$runIndex ?? 0),
			memberId: options.memberId ? String(options.memberId) : null,
		};
		const response = await ledgerRequest(this, 'POST', '/v1/usage', body, undefined, itemIndex);
		if (response.statusCode === 402) {
			const outcome = refusalOf(response);
			throw new NodeOperationError(this.getNode(), `The ledger refused the charge of ${creditsText(millicredits)} credits for item ${itemIndex}: ${ledgerErrorText(response)}`, {
				itemIndex,
				description: outcome?.renewsAt ? `Credits renew at ${outcome.renewsAt}` : 'Top up or change the plan',
			});
		}
		const recorded = expectOk(this, response, 'Recording usage', itemIndex);
		return { ...item.json, credits: { ...recorded, reason: priced.reason } };
	});
	return [out];
}
