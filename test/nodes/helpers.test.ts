import assert from 'node:assert/strict';
import { NodeOperationError, type INode } from 'n8n-workflow';
import { creditsText, toMillicredits } from '../../nodes/Credits/helpers/amounts';

const node = { name: 'Credits', type: 'n8n-nodes-credits.credits' } as INode;

describe('unit', () => {
	describe('toMillicredits', () => {
		it('turns credits into millicredits, rounding half-up once', () => {
			assert.deepEqual([toMillicredits(node, 1.5, 'A', 0), toMillicredits(node, '0.0015', 'A', 0), toMillicredits(node, 0.1 + 0.2, 'A', 0)], [1500, 2, 300]);
		});

		it('refuses an empty string naming the item', () => {
			assert.throws(() => toMillicredits(node, '', 'Amount', 4), (e: unknown) => e instanceof NodeOperationError && e.message === 'Amount must be a number of credits, got "" (item 4)');
		});

		it('refuses nothing at all', () => {
			assert.throws(() => toMillicredits(node, undefined, 'Amount', 0), { message: 'Amount must be a number of credits, got nothing (item 0)' });
		});
	});

	describe('creditsText', () => {
		it('formats millicredits as credits', () => {
			assert.deepEqual([creditsText(1500), creditsText(5), creditsText(-2000)], ['1.5', '0.005', '-2']);
		});
	});
});
