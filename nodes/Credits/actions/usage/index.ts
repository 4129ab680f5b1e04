import type { INodeProperties } from 'n8n-workflow';
import * as record from './record.operation';

export { record };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['usage'] } },
		options: [{ name: 'Record', value: 'record', description: 'Charge credits for a step', action: 'Record usage' }],
		default: 'record',
	},
	...record.description,
];
