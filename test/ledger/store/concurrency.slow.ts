import { strict as assert } from 'node:assert';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresLedgerStore } from '../../../ledger/src/store/postgres';
import { SqliteLedgerStore } from '../../../ledger/src/store/sqlite';
import type { ChargeInput, LedgerStore } from '../../../ledger/src/store/types';
import { dropSchema, freshSchemaName, testDatabaseUrl } from '../../support/postgres';
import type { WriterJob, WriterResult } from './concurrencyWriter';
import { small } from './plans';

const WRITERS = 8;
const PER_WRITER = 2_000;
const RETRY_SHARE = 0.2;

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Each writer gets 2,000 charges: 80% new keys, 20% retries (same content) of a key some writer
 * sent before, shuffled. Returns the jobs and the unique charges (key → amount).
 */
function planCharges(workspaceId: string, seed: number): { perWriter: ChargeInput[][]; unique: Map<string, number> } {
  const next = random(seed);
  const unique = new Map<string, number>();
  const all: ChargeInput[] = [];
  const perWriter: ChargeInput[][] = [];
  for (let w = 0; w < WRITERS; w++) {
    const mine: ChargeInput[] = [];
    for (let i = 0; i < PER_WRITER; i++) {
      if (all.length > 0 && next() < RETRY_SHARE) {
        mine.push({ ...all[Math.floor(next() * all.length)] });
      } else {
        const charge: ChargeInput = { workspaceId, key: `exec-${w}-${i}:Node:0:run`, millicredits: 1 + Math.floor(next() * 5_000), workflowId: `wf${i % 7}` };
        unique.set(charge.key, charge.millicredits);
        all.push(charge);
        mine.push(charge);
      }
    }
    for (let i = mine.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [mine[i], mine[j]] = [mine[j], mine[i]];
    }
    perWriter.push(mine);
  }
  return { perWriter, unique };
}

function runWriter(job: WriterJob, dir: string, n: number): Promise<WriterResult[]> {
  const jobPath = join(dir, `job-${n}.json`);
  const resultPath = join(dir, `result-${n}.json`);
  writeFileSync(jobPath, JSON.stringify(job));
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'concurrencyWriter.ts'), [jobPath, resultPath], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(readFileSync(resultPath, 'utf8')) as WriterResult[]) : reject(new Error(`writer ${n} exited with ${code}`))));
  });
}

interface Harness {
  store: LedgerStore;
  target: WriterJob['store'];
  countKeysTwice(): Promise<number>;
  dispose(): Promise<void>;
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

function register(name: string, open: (dir: string) => Promise<Harness>): void {
  describe(`LedgerStore concurrency: ${name}`, function () {
    this.timeout(600_000);
    let dir: string;
    let harness: Harness;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ledger-concurrency-'));
      harness = await open(dir);
    });
    after(async () => {
      await harness.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    async function run(workspaceId: string, allocation: number, exhaustion: 'pause' | 'overdraft', seed: number) {
      await harness.store.createWorkspace({ id: workspaceId, name: workspaceId, plan: small({ allocation, exhaustion }), timeZone: 'UTC', anchorDay: 1 });
      const { perWriter, unique } = planCharges(workspaceId, seed);
      const results = (await Promise.all(perWriter.map((charges, n) => runWriter({ store: harness.target, charges }, dir, n)))).flat();
      return { unique, results, card: await harness.store.balance(workspaceId), audit: await harness.store.audit(workspaceId) };
    }

    it('8 writers × 2,000 charges with 20% retries: the balance is the start minus the unique charges, no key twice', async () => {
      const start = 200_000_000;
      const { unique, results, card, audit } = await run('plenty', start, 'pause', 1);
      const recordedKeys = results.filter((r) => r.status === 'recorded').map((r) => r.key);
      assert.deepEqual(
        [card.totalAvailable, recordedKeys.length, new Set(recordedKeys).size, results.filter((r) => r.status === 'duplicate').length, audit.entries, audit.ok, await harness.countKeysTwice()],
        [start - sum(unique.values()), unique.size, unique.size, WRITERS * PER_WRITER - unique.size, unique.size, true, 0],
      );
    });

    it('under pause the balance never goes below zero and refused charges are reported', async () => {
      const start = 10_000_000;
      const { unique, results, card, audit } = await run('paused', start, 'pause', 2);
      const recorded = results.filter((r) => r.status === 'recorded');
      const refused = results.filter((r) => r.status === 'refused');
      const charged = sum(recorded.map((r) => unique.get(r.key)!));
      assert.ok(refused.length > 0, 'some charges must be refused');
      assert.deepEqual(
        [Math.min(...recorded.map((r) => r.balance!)) >= 0, card.totalAvailable >= 0, card.totalAvailable, new Set(recorded.map((r) => r.key)).size, audit.ok],
        [true, true, start - charged, recorded.length, true],
      );
    });

    it('under overdraft the overdraft equals the excess of the unique charges', async () => {
      const start = 10_000_000;
      const { unique, card, audit } = await run('overdrawn', start, 'overdraft', 3);
      const excess = sum(unique.values()) - start;
      assert.deepEqual([card.overdraft, card.totalAvailable, audit.overdraft.recomputed, audit.ok], [excess, -excess, excess, true]);
    });
  });
}

register('SqliteLedgerStore', async (dir) => {
  const path = join(dir, 'ledger.db');
  const store = new SqliteLedgerStore({ path });
  await store.migrate();
  return {
    store,
    target: { kind: 'sqlite', path },
    countKeysTwice: async () => (await store.db.all('SELECT workspace_id, entry_key FROM entries GROUP BY workspace_id, entry_key HAVING COUNT(*) > 1')).length,
    dispose: () => store.close(),
  };
});

register('PostgresLedgerStore', async () => {
  const url = await testDatabaseUrl();
  const schema = freshSchemaName('ledger_concurrency');
  const store = new PostgresLedgerStore({ connectionString: url, schema, maxConnections: 2 });
  await store.migrate();
  return {
    store,
    target: { kind: 'postgres', url, schema },
    countKeysTwice: async () => (await store.db.all('SELECT workspace_id, entry_key FROM entries GROUP BY workspace_id, entry_key HAVING COUNT(*) > 1')).length,
    dispose: async () => {
      await store.close();
      await dropSchema(url, schema);
    },
  };
});
