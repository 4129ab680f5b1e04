import assert from 'node:assert/strict';
import { fetchNodeActuals, LedgerActuals, type FetchLike } from '../../../vscode-extension/src/providers/ledger';
import { makeTestApp, type TestApp } from '../../ledger/http/helpers';

/** A fetch that answers from a table and records what was asked. */
function stubFetch(status: number, body: unknown, calls: { url: string; headers: Record<string, string> }[] = []): FetchLike {
  return async (url, init) => {
    calls.push({ url, headers: init.headers });
    return { ok: status < 400, status, json: async () => body };
  };
}

describe('unit: ledger connection', () => {
  it('reads each node\'s average per execution from a real ledger\'s entries, with the key as a bearer token', async function () {
    this.timeout(30_000); // a real ledger app over SQLite
    const t: TestApp = await makeTestApp();
    try {
      const charge = (key: string, workflowId: string, executionId: string, nodeName: string, millicredits: number) =>
        t.call('meter', { method: 'POST', url: '/v1/usage', payload: { key, millicredits, workflowId, executionId, nodeName } });
      await charge('e1:HTTP:0:run', 'wf 1', 'e1', 'HTTP Request', 1000);
      await charge('e1:Agent:0:tokens', 'wf 1', 'e1', 'AI Agent', 5000);
      await charge('e2:HTTP:0:run', 'wf 1', 'e2', 'HTTP Request', 2000);
      await charge('e3:HTTP:0:run', 'wf 2', 'e3', 'HTTP Request', 9000);
      const calls: string[] = [];
      const fetch: FetchLike = async (url, init) => {
        calls.push(url);
        const res = await t.app.inject({ url: url.replace('http://ledger', ''), headers: init.headers });
        return { ok: res.statusCode < 400, status: res.statusCode, json: async () => res.json() };
      };
      const actuals = await fetchNodeActuals({ url: 'http://ledger/', key: t.keys.admin, fetch }, 'wf 1');
      // By hand: HTTP Request (1000 + 2000) over e1 and e2; AI Agent 5000 over e1; wf 2 is another workflow.
      assert.deepEqual(actuals instanceof Map ? [...actuals].sort() : actuals, [['AI Agent', { average: 5000, executions: 1 }], ['HTTP Request', { average: 1500, executions: 2 }]]);
      assert.deepEqual(calls, ['http://ledger/v1/entries?workflowId=wf+1&limit=1000']);
    } finally {
      await t.close();
    }
  });

  it('returns the status as an error when the ledger refuses', async () => {
    const result = await fetchNodeActuals({ url: 'http://127.0.0.1:8080', key: undefined, fetch: stubFetch(401, {}) }, 'wf');
    assert.deepEqual(result, { error: 'ledger answered 401 for http://127.0.0.1:8080/v1/entries?workflowId=wf&limit=1000' });
  });

  it('returns an error, not an exception, when the ledger cannot be reached', async () => {
    const fetch: FetchLike = async () => { throw new Error('ECONNREFUSED'); };
    assert.deepEqual(await fetchNodeActuals({ url: 'http://127.0.0.1:9', key: 'k', fetch }, 'wf'), { error: 'ledger not reachable at http://127.0.0.1:9: ECONNREFUSED' });
  });

  it('caches the actuals and refreshes them once the time to live has passed', async () => {
    let now = 0;
    let calls = 0;
    let changes = 0;
    const fetch: FetchLike = async () => (calls++, { ok: true, status: 200, json: async () => ({ entries: [{ nodeName: 'A', executionId: 'e1', millicredits: 1000 * calls }] }) });
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
