import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as guard from './guard.operation';

export { get, guard };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['balance'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Read the usage card of the workspace', action: 'Get the balance' },
			{
				name: 'Guard',
				value: 'guard',
				description: 'Route items by whether the balance covers their estimated cost',
				action: 'Guard the balance',
			},
		],
		default: 'get',
	},
	...get.description,
	...guard.description,
];
