import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { forEachItem } from '../../helpers/items';
import { expectOk, ledgerRequest, type LedgerQuery } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Group By',
		name: 'by',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Day', value: 'day' },
			{ name: 'Member', value: 'member' },
			{ name: 'Node Type', value: 'nodeType' },
			{ name: 'Workflow', value: 'workflow' },
		],
		default: 'workflow',
		description: 'How the usage is grouped',
	},
	{
		displayName: 'Period',
		name: 'period',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Current Billing Period', value: 'current' },
			{ name: 'Custom', value: 'custom' },
		],
		default: 'current',
		description: 'Which usage is reported',
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '',
		description: 'Start of the period (inclusive)',
		displayOptions: { show: { period: ['custom'] } },
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '',
		description: 'End of the period (exclusive); empty for now',
		displayOptions: { show: { period: ['custom'] } },
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'One Item per Row', value: 'rows' },
			{ name: 'One Item with All Rows', value: 'report' },
		],
		default: 'rows',
		description: 'Whether each group becomes its own item',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['get'] } }, properties);

/** Report → Get: usage of a period grouped by workflow, node type, member or day (member keys see their own). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return [
		await forEachItem(this, async (itemIndex) => {
			const qs: LedgerQuery<'GET /v1/reports'> = { by: this.getNodeParameter('by', itemIndex) as LedgerQuery<'GET /v1/reports'>['by'] };
			if (this.getNodeParameter('period', itemIndex) === 'custom') {
				const from = this.getNodeParameter('from', itemIndex, '') as string;
				const to = this.getNodeParameter('to', itemIndex, '') as string;
				if (from) qs.from = new Date(from).toISOString();
				if (to) qs.to = new Date(to).toISOString();
			}
			const report = expectOk(this, await ledgerRequest(this, 'GET', '/v1/reports', undefined, qs, itemIndex), 'Reading the report', itemIndex);
			if (this.getNodeParameter('output', itemIndex) === 'report') return report;
			const rows = Array.isArray(report.rows) ? (report.rows as IDataObject[]) : [];
			return rows.map((row) => ({ ...row, by: qs.by as string }));
		}),
	];
}
