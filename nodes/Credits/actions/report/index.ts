import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['report'] } },
		options: [{ name: 'Get', value: 'get', description: 'Usage of a period, grouped', action: 'Get a usage report' }],
		default: 'get',
	},
	...get.description,
];
