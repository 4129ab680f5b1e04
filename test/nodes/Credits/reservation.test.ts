import assert from 'node:assert/strict';
import * as release from '../../../nodes/Credits/actions/reservation/release.operation';
import * as reserve from '../../../nodes/Credits/actions/reservation/reserve.operation';
import * as settle from '../../../nodes/Credits/actions/reservation/settle.operation';
import { fakeContext } from '../context';

describe('unit', () => {
	describe('Credits: Reservation', () => {
		it('reserves the amount under the default key with a :reserve suffix', async () => {
			const f = fakeContext({ params: { amount: 50, options: {} }, routes: { 'POST /v1/reservations': { statusCode: 201, body: { status: 'reserved', reservation: { id: 'r1', millicredits: 50000 } } } } });
			const [out] = await reserve.execute.call(f.ctx);
			assert.deepEqual(f.bodies('POST /v1/reservations'), [{ key: 'exec-1:Credits:0:item0:reserve', millicredits: 50000 }]);
			assert.deepEqual(out[0].json.reservation, { id: 'r1', millicredits: 50000 });
		});

		it('fails naming the item when the plan refuses the hold (402)', async () => {
			const f = fakeContext({ params: { amount: 50, options: {} }, routes: { 'POST /v1/reservations': { statusCode: 402, body: { error: { code: 'insufficient-credits', message: 'only 3 credits left' } } } } });
			await assert.rejects(reserve.execute.call(f.ctx), { message: 'The ledger refused to hold 50 credits for item 0: only 3 credits left' });
		});

		it('settles the measured amount against the reservation in the item', async () => {
			const f = fakeContext({
				params: { reservationId: 'r1', amount: 12.345, options: {} },
				routes: { 'POST /v1/reservations/r1/settle': { statusCode: 201, body: { status: 'recorded', millicredits: 12345 } } },
			});
			const [out] = await settle.execute.call(f.ctx);
			const body = f.bodies('POST /v1/reservations/r1/settle')[0];
			assert.deepEqual([body.key, body.millicredits, body.kind], ['exec-1:Credits:0:item0:settle', 12345, 'settle']);
			assert.deepEqual(out[0].json.credits, { status: 'recorded', millicredits: 12345 });
		});

		it('says which reservation is unknown (404)', async () => {
			const f = fakeContext({ params: { reservationId: 'nope', amount: 1, options: {} }, routes: { 'POST /v1/reservations/nope/settle': { statusCode: 404, body: { error: { code: 'unknown-reservation', message: 'unknown reservation "nope"', field: 'id' } } } } });
			await assert.rejects(settle.execute.call(f.ctx), { message: 'Settling the reservation failed for item 0: unknown reservation "nope" (field id) (HTTP 404)' });
		});

		it('releases a reservation', async () => {
			const f = fakeContext({ params: { reservationId: 'r9' }, routes: { 'POST /v1/reservations/r9/release': { statusCode: 200, body: { id: 'r9', status: 'released' } } } });
			const [out] = await release.execute.call(f.ctx);
			assert.deepEqual(out[0].json.reservation, { id: 'r9', status: 'released' });
		});

		it('refuses an empty reservation ID naming the item, without calling the ledger', async () => {
			const f = fakeContext({ items: [{}, {}], params: { reservationId: (i: number) => (i === 0 ? 'r1' : '') }, routes: { 'POST /v1/reservations/r1/release': { statusCode: 200, body: {} } } });
			await assert.rejects(release.execute.call(f.ctx), { message: 'Reservation ID is empty (item 1)' });
			assert.deepEqual(f.calls(), ['POST /v1/reservations/r1/release']);
		});
	});
});
