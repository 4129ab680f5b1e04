import assert from 'node:assert/strict';
import { fetchNodeActuals, LedgerActuals, type FetchLike } from '../../../vscode-extension/src/providers/ledger';

/** A fetch that answers from a table and records what was asked. */
function stubFetch(status: number, body: unknown, calls: { url: string; headers: Record<string, string> }[] = []): FetchLike {
  return async (url, init) => {
    calls.push({ url, headers: init.headers });
    return { ok: status < 400, status, json: async () => body };
  };
}

describe('unit: ledger connection', () => {
  it('reads each node\'s average per execution from the report API with the key as a bearer token', async () => {
    const calls: { url: string; headers: Record<string, string> }[] = [];
    const fetch = stubFetch(200, { nodes: [{ node: 'HTTP Request', millicredits: 342000, executions: 30 }, { node: 'AI Agent', millicredits: 0, executions: 0 }] }, calls);
    const actuals = await fetchNodeActuals({ url: 'http://127.0.0.1:8080/', key: 'k-1', fetch }, 'wf 1');
    assert.deepEqual(actuals instanceof Map ? [...actuals] : actuals, [['HTTP Request', { average: 11400, executions: 30 }]]);
    assert.deepEqual(calls, [{ url: 'http://127.0.0.1:8080/v1/reports/nodes?workflowId=wf%201', headers: { accept: 'application/json', authorization: 'Bearer k-1' } }]);
  });

  it('returns the status as an error when the ledger refuses', async () => {
    const result = await fetchNodeActuals({ url: 'http://127.0.0.1:8080', key: undefined, fetch: stubFetch(401, {}) }, 'wf');
    assert.deepEqual(result, { error: 'ledger answered 401 for http://127.0.0.1:8080/v1/reports/nodes?workflowId=wf' });
  });

  it('returns an error, not an exception, when the ledger cannot be reached', async () => {
    const fetch: FetchLike = async () => { throw new Error('ECONNREFUSED'); };
    assert.deepEqual(await fetchNodeActuals({ url: 'http://127.0.0.1:9', key: 'k', fetch }, 'wf'), { error: 'ledger not reachable at http://127.0.0.1:9: ECONNREFUSED' });
  });

  it('caches the actuals and refreshes them once the time to live has passed', async () => {
    let now = 0;
    let calls = 0;
    let changes = 0;
    const fetch: FetchLike = async () => (calls++, { ok: true, status: 200, json: async () => ({ nodes: [{ node: 'A', millicredits: 1000 * calls, executions: 1 }] }) });
    const ledger = new LedgerActuals(async () => ({ url: 'http://127.0.0.1:1', key: 'k', fetch }), () => changes++, 1000, () => now);
    assert.equal(ledger.get('wf'), undefined);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual([ledger.get('wf')?.get('A')?.average, calls, changes], [1000, 1, 1]);
    now = 2000;
    ledger.get('wf');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual([ledger.get('wf')?.get('A')?.average, calls, changes], [2000, 2, 2]);
  });

  it('asks nothing when no ledger is configured', async () => {
    const ledger = new LedgerActuals(async () => undefined, () => undefined);
    await ledger.refresh('wf');
    assert.equal(ledger.get('wf'), undefined);
  });
});
