import assert from 'node:assert/strict';
import type { INodeProperties } from 'n8n-workflow';
import type * as CreditsModule from '../../../nodes/Credits/Credits.node';
import { requireNodeFile } from '../context';

const { Credits } = requireNodeFile<typeof CreditsModule>('nodes/Credits/Credits.node.ts');
const description = new Credits().description;

/** The operation values shown for a resource. */
function operationsOf(resource: string): string[] {
	const property = description.properties.find((p: INodeProperties) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource));
	return (property?.options ?? []).map((o) => String((o as { value: string }).value));
}

describe('unit', () => {
	describe('Credits node description', () => {
		it('offers the resources and operations of the issue', () => {
			const resources = (description.properties[0].options ?? []).map((o) => String((o as { value: string }).value));
			assert.deepEqual(
				resources.map((r) => [r, operationsOf(r)]),
				[['balance', ['get', 'guard']], ['report', ['get']], ['reservation', ['release', 'reserve', 'settle']], ['topUp', ['add']], ['usage', ['record']]],
			);
		});

		it('shows each parameter only for its resource and operation', () => {
			const amount = description.properties.filter((p) => p.name === 'estimatedCost');
			assert.deepEqual(amount.map((p) => p.displayOptions?.show), [{ resource: ['balance'], operation: ['guard'] }]);
		});

		it('gives Guard two named outputs and every other operation one', () => {
			assert.equal(
				description.outputs,
				'={{$parameter["resource"] === "balance" && $parameter["operation"] === "guard" ? [{"type":"main","displayName":"Enough"},{"type":"main","displayName":"Insufficient"}] : ["main"]}}',
			);
		});

		it('needs the Credits API credential', () => {
			assert.deepEqual(description.credentials, [{ name: 'creditsApi', required: true }]);
		});
	});
});
