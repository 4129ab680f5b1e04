/**
 * A read-only and a full data folder: the service says so clearly (on start, or as a 5xx JSON
 * error on a write, staying up), and the ledger is not corrupted (reopened and audited after).
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQLITE_FILE } from '../../ledger/src/service/openStore';
import { openSqliteLedgerStore } from '../../ledger/src/store/sqlite';
import { makeReadOnly, runServeCli, smallFolder, type CliRun, type SmallFolder } from './support/folders';
import { compare, ledgerCharges } from './support/load';
import { call, client, startServe } from './support/service';

/** A start failure a person can act on: non-zero exit, one line naming the folder, no stack trace. */
function assertClearStartError(run: CliRun, dir: string, reason: RegExp): void {
  assert.equal(run.listened, false, 'it started listening');
  assert.notEqual(run.code, 0);
  assert.ok(run.stderr.includes(dir), `the error does not name the folder ${dir}: ${run.stderr.slice(0, 400)}`);
  assert.match(run.stderr, reason);
  assert.doesNotMatch(run.stderr, /internal error|\n\s+at /, `not a clear error: ${run.stderr.slice(0, 400)}`);
}

async function audited(dir: string): Promise<{ ok: boolean; entries: number; found: Map<string, { millicredits: number; count: number }> }> {
  const store = await openSqliteLedgerStore({ path: join(dir, SQLITE_FILE) });
  try {
    const audit = await store.audit('default');
    return { ok: audit.ok, entries: audit.entries, found: await ledgerCharges(store, 'default') };
  } finally {
    await store.close();
  }
}

describe('a read-only data folder', () => {
  let base: string;
  let dir: string;
  let restore: (() => void) | null = null;
  let run: CliRun;
  const acknowledged = new Map<string, number>();

  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'n8c-fault-ro-'));
    dir = join(base, 'data');
    mkdirSync(dir);
    const served = await startServe({ dataDir: dir });
    const agent = client();
    for (let i = 0; i < 200; i++) {
      const answer = await call(agent, served.url, served.key, 'POST', '/v1/usage', JSON.stringify({ key: `ro:${i}`, millicredits: 1 + (i % 5) }));
      if (answer.status === 201) acknowledged.set(`ro:${i}`, 1 + (i % 5));
    }
    agent.destroy();
    await served.stop();
    restore = makeReadOnly(dir);
    run = await runServeCli(dir);
    restore();
    restore = null;
    console.log(`      serve on the read-only folder: exit ${run.code}; ${run.stderr.split('\n')[0]}`);
  });

  after(() => {
    restore?.();
    rmSync(base, { recursive: true, force: true });
  });

  it('refuses to start with a one-line error that names the folder', () => {
    assertClearStartError(run, dir, /read-only|readonly|EROFS|EACCES|permission|unable to open|cannot (open|write)/i);
  });

  it('leaves the ledger whole: every acknowledged charge once, the audit passing', async () => {
    const { ok, entries, found } = await audited(dir);
    console.log(`      sent 200, acknowledged ${acknowledged.size}, found ${found.size} (${[...found.values()].every((f) => f.count === 1) ? 'each once' : 'SOME TWICE'}); audit ${ok ? 'ok' : 'FAILED'}`);
    assert.equal(acknowledged.size, 200);
    assert.deepEqual(compare(acknowledged, found), []);
    assert.equal(entries, 200);
    assert.equal(ok, true);
  });
});

describe('a full data folder', () => {
  let base: string;
  let folder: SmallFolder | null = null;
  let tiny: SmallFolder | null = null;
  const acknowledged = new Map<string, number>();
  const failures: Array<{ status: number; code: unknown; json: boolean }> = [];
  let aliveAfter = false;
  let healthAfter = 0;
  let adminKey = '';

  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'n8c-fault-full-'));
    folder = smallFolder(base, 'data', 1024 * 1024);
    const served = await startServe({ dataDir: folder.dir, fileBlocks: folder.fileBlocks });
    adminKey = served.key!;
    const agent = client();
    // Batches of 200 until three writes in a row fail (the folder is full); at most 300 batches.
    for (let n = 0, failedInARow = 0; n < 300 && failedInARow < 3; n++) {
      const events = Array.from({ length: 200 }, (_, i) => ({ key: `full:${n}:${i}`, millicredits: 1 + (i % 3), workflowId: 'wf', nodeName: `node ${i % 9}` }));
      const answer = await call(agent, served.url, served.key, 'POST', '/v1/usage/batch', JSON.stringify({ events }));
      if (answer.status === 200) {
        failedInARow = 0;
        for (const e of events) acknowledged.set(e.key, e.millicredits);
      } else {
        failedInARow++;
        failures.push({ status: answer.status, code: (answer.body as { error?: { code?: unknown } } | undefined)?.error?.code, json: answer.contentType.includes('application/json') });
      }
    }
    healthAfter = (await call(agent, served.url, null, 'GET', '/healthz')).status;
    aliveAfter = served.exited === null;
    agent.destroy();
    await served.stop();
    folder.grow(16 * 1024 * 1024);
    console.log(`      acknowledged ${acknowledged.size} charges before the folder filled; then ${failures.map((f) => `${f.status} ${String(f.code)}`).join(', ')}`);
  });

  after(() => {
    folder?.remove();
    tiny?.remove();
    rmSync(base, { recursive: true, force: true });
  });

  it('answers writes on a full folder with a 5xx JSON error and stays up', () => {
    assert.ok(acknowledged.size > 0);
    assert.equal(failures.length, 3);
    for (const f of failures) {
      assert.ok(f.status >= 500 && f.status <= 599, `status ${f.status}`);
      assert.equal(f.json, true);
      assert.equal(typeof f.code, 'string');
    }
    assert.equal(aliveAfter, true);
    assert.equal(healthAfter, 200);
  });

  it('says the storage is full (507 or 503 with its own code, not a bare internal error)', () => {
    assert.equal(failures.length, 3);
    for (const f of failures) {
      assert.ok(f.status === 507 || f.status === 503, `status ${f.status}`);
      assert.notEqual(f.code, 'internal_error');
    }
  });

  it('keeps every acknowledged charge once and nothing else, the audit passing, once there is room again', async () => {
    const { ok, found } = await audited(folder!.dir);
    console.log(`      acknowledged ${acknowledged.size}, found ${found.size} (${[...found.values()].every((f) => f.count === 1) ? 'each once' : 'SOME TWICE'}); audit ${ok ? 'ok' : 'FAILED'}`);
    assert.deepEqual(compare(acknowledged, found), []);
    assert.equal(ok, true);
  });

  it('records charges again after a restart with room', async () => {
    const served = await startServe({ dataDir: folder!.dir });
    const agent = client();
    const answer = await call(agent, served.url, adminKey, 'POST', '/v1/usage', JSON.stringify({ key: 'after', millicredits: 1 }));
    agent.destroy();
    await served.stop();
    assert.equal(answer.status, 201, answer.text);
  });

  it('refuses to start in a full folder with a one-line error that names the folder', async () => {
    tiny = smallFolder(base, 'tiny', 256 * 1024);
    if (tiny.fileBlocks === null) writeFileSync(join(tiny.dir, 'filler'), Buffer.alloc(256 * 1024));
    const run = await runServeCli(tiny.dir, tiny.fileBlocks === null ? null : 1);
    console.log(`      serve on the full folder: exit ${run.code}; ${run.stderr.split('\n')[0]}`);
    assertClearStartError(run, tiny.dir, /full|space|ENOSPC|EFBIG|too large|disk I\/O/i);
  });
});
