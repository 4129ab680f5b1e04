import type { INodeProperties } from 'n8n-workflow';
import * as add from './add.operation';

export { add };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['topUp'] } },
		options: [{ name: 'Add a Pack', value: 'add', description: 'Buy a top-up pack of the plan', action: 'Add a top up pack' }],
		default: 'add',
	},
	...add.description,
];
