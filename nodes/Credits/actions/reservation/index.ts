import type { INodeProperties } from 'n8n-workflow';
import * as release from './release.operation';
import * as reserve from './reserve.operation';
import * as settle from './settle.operation';

export { release, reserve, settle };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['reservation'] } },
		options: [
			{ name: 'Release', value: 'release', description: 'Give a hold back', action: 'Release a reservation' },
			{ name: 'Reserve', value: 'reserve', description: 'Hold credits before a step', action: 'Reserve credits' },
			{ name: 'Settle', value: 'settle', description: 'Charge the measured amount of a hold', action: 'Settle a reservation' },
		],
		default: 'reserve',
	},
	...reserve.description,
	...settle.description,
	...release.description,
];
