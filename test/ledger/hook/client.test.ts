import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LedgerClient } from '../../../ledger/src/hook/client';

describe('LedgerClient.sendExecution', () => {
  let server: Server;
  let answer: { status: number; delayMs?: number };
  let client: LedgerClient;
  before(async () => {
    server = createServer((req, res) => {
      req.resume();
      setTimeout(() => res.writeHead(answer.status, { 'content-type': 'application/json' }).end('{"error":"x"}'), answer.delayMs ?? 0);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    client = new LedgerClient({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: 'k', workspace: null, sendTimeoutMs: 200, gateTimeoutMs: 200 });
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const kinds: Array<[number, string]> = [
    [500, 'failed'], [501, 'failed'], [400, 'reject'], [401, 'reject'], [409, 'reject'],
    [408, 'retry'], [429, 'retry'], [502, 'retry'], [503, 'retry'], [504, 'retry'], [507, 'retry'],
  ];
  for (const [status, kind] of kinds) {
    it(`treats a ${status} as ${kind === 'failed' ? 'the record failing (counted)' : kind === 'reject' ? 'a refusal (dead at once)' : 'the ledger being unavailable (not counted)'}`, async () => {
      answer = { status };
      const result = await client.sendExecution('{}');
      assert.deepEqual([result.status, 'httpStatus' in result ? result.httpStatus : undefined], [kind, kind === 'retry' ? undefined : status]);
    });
  }

  it('counts a delivery the ledger does not answer in time against the record, marked as a timeout', async () => {
    answer = { status: 200, delayMs: 1000 };
    const result = await client.sendExecution('{}');
    assert.deepEqual([result.status, result.status === 'failed' && result.timedOut, result.status === 'failed' && result.httpStatus], ['failed', true, null]);
  });
});
