/**
 * `npm run bench -- store [charges]`: charges per second through the ledger stores against a plain
 * INSERT + guarded UPDATE transaction on the same database, measured in one run. "Plain" writes
 * the same entry row into the store's own `entries` table and takes the amount off a grant with
 * `UPDATE grants SET remaining = remaining - ? WHERE id = ? AND remaining >= ?` (another workspace
 * of the same database), so the ratio is what the store's rules and reads cost on top of the bare
 * write. Store and plain alternate in rounds so a change in machine load hits both alike.
 * - SQLite, one charge per transaction (target: store ≥ 0.5 × plain);
 * - SQLite, batches of 100 (target: store ≥ 100,000 charges/s);
 * - PostgreSQL with 8 clients, one charge per transaction (target: store ≥ 0.5 × plain).
 * PostgreSQL comes from `N8N_CREDITS_TEST_DATABASE_URL`, else a private cluster (see test/support/postgres.ts).
 * Printed, not asserted; the exit code is 1 when a target is missed.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PostgresLedgerStore } from '../ledger/src/store/postgres';
import { SqliteLedgerStore } from '../ledger/src/store/sqlite';
import type { ChargeInput, LedgerStore } from '../ledger/src/store/types';
import type { Plan } from '../shared-pricing/src/plans/types';
import { dropSchema, freshSchemaName, testDatabaseUrl } from '../test/support/postgres';

const N = Number(process.argv[2] ?? 20_000);
const CLIENTS = 8;
const plan: Plan = {
  version: 1, name: 'bench', priceBook: 'default', cycle: 'monthly', allocation: 9_000_000_000_000, dailyLimit: null, rolloverCap: 0,
  topUps: { packs: [], lifetime: { kind: 'plan' } }, editorRunsFree: false, chargeFailedStep: true, exhaustion: 'pause', consecutiveFailureLimit: null, memberAllocations: false,
};
const ENTRY_COLUMNS = ['workspace_id', 'type', 'entry_key', 'millicredits', 'workflow_id', 'execution_id', 'node_name', 'node_type', 'run_index', 'kind', 'debits', 'overdraft', 'occurred_at', 'recorded_at'];
const PLAIN_INSERT = `INSERT INTO entries (${ENTRY_COLUMNS.join(', ')}) VALUES (${ENTRY_COLUMNS.map(() => '?').join(', ')})`;
const PLAIN_GUARD = 'UPDATE grants SET remaining = remaining - ? WHERE id = ? AND remaining >= ?';

/** The row plain writes for a charge (as the store would, debits written as text). */
function plainRow(c: ChargeInput, grantId: string): Array<string | number | null> {
  const now = Date.now();
  return ['plain', 'charge', c.key, c.millicredits, c.workflowId ?? null, c.executionId ?? null, c.nodeName ?? null, c.nodeType ?? null, c.runIndex ?? null, c.kind ?? null, JSON.stringify([{ grantId, millicredits: c.millicredits }]), 0, now, now];
}

/** Creates the store's workspace `w` and the plain side's workspace `plain`; returns the plain grant id. */
async function workspaces(store: LedgerStore): Promise<string> {
  await store.createWorkspace({ id: 'w', name: 'bench', plan, timeZone: 'UTC', anchorDay: 1 });
  await store.createWorkspace({ id: 'plain', name: 'plain', plan, timeZone: 'UTC', anchorDay: 1 });
  return (await store.listGrants('plain'))[0].id;
}

/** A charge as the hook sends it: the key is `executionId:nodeName:runIndex:kind`. */
const charge = (i: number, prefix = 'e'): ChargeInput => ({
  workspaceId: 'w', key: `${prefix}${i}:Set:0:run`, executionId: `${prefix}${i}`, millicredits: 1 + (i % 997), workflowId: 'wf', nodeName: 'Set', nodeType: 'n8n-nodes-base.set', runIndex: 0, kind: 'run',
});
const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);
const fmt = (n: number) => n.toLocaleString('en-US');

async function timed(work: () => Promise<void> | void): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const ROUNDS = 10;

/**
 * Runs `a` and `b` in alternating rounds and returns the total ms of each, so a machine whose
 * load changes during the run slows both sides alike and the ratio stays fair.
 */
async function alternate(a: (round: number) => Promise<void> | void, b: (round: number) => Promise<void> | void): Promise<[number, number]> {
  let msA = 0;
  let msB = 0;
  for (let round = 0; round < ROUNDS; round++) {
    msA += await timed(() => a(round));
    msB += await timed(() => b(round));
  }
  return [msA, msB];
}

async function sqlite(dir: string): Promise<{ single: number; plainSingle: number; batch: number; plainBatch: number }> {
  const path = join(dir, 'ledger.db');
  const store = new SqliteLedgerStore({ path });
  await store.migrate();
  const grantId = await workspaces(store);
  // A second connection to the same file, with the store's settings.
  const plainDb = new Database(path);
  plainDb.pragma('journal_mode = WAL');
  plainDb.pragma('synchronous = NORMAL');
  const insert = plainDb.prepare(PLAIN_INSERT);
  const guard = plainDb.prepare(PLAIN_GUARD);
  const one = plainDb.transaction((c: ChargeInput) => {
    insert.run(...plainRow(c, grantId));
    if (guard.run(c.millicredits, grantId, c.millicredits).changes !== 1) throw new Error('insufficient');
  });
  const many = plainDb.transaction((cs: ChargeInput[]) => cs.forEach((c) => one(c)));
  const perRound = Math.ceil(N / ROUNDS);
  const [plainSingleMs, singleMs] = await alternate(
    (r) => { for (let i = r * perRound; i < (r + 1) * perRound; i++) one(charge(i, 'p')); },
    async (r) => { for (let i = r * perRound; i < (r + 1) * perRound; i++) await store.charge(charge(i)); },
  );
  const batchPerRound = Math.ceil((N * 5) / ROUNDS / 100) * 100;
  const batches = (r: number, prefix = 'b') => Array.from({ length: batchPerRound / 100 }, (_, b) => Array.from({ length: 100 }, (_, j) => charge(r * batchPerRound + b * 100 + j, prefix)));
  const [plainBatchMs, batchMs] = await alternate(
    (r) => { for (const batch of batches(r, 'pb')) many(batch); },
    async (r) => { for (const batch of batches(r)) await store.chargeBatch(batch); },
  );
  plainDb.close();
  await audit(store);
  await store.close();
  const total = perRound * ROUNDS;
  return { single: rate(total, singleMs), plainSingle: rate(total, plainSingleMs), batch: rate(batchPerRound * ROUNDS, batchMs), plainBatch: rate(batchPerRound * ROUNDS, plainBatchMs) };
}

/** Runs `work(i)` for i in [from, to) on CLIENTS concurrent loops. */
async function inParallel(from: number, to: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = from;
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (next < to) await work(next++);
  }));
}

async function postgres(): Promise<{ store: number; plain: number }> {
  const url = await testDatabaseUrl();
  const perRound = Math.ceil(Math.max(2_000, Math.floor(N / 2)) / ROUNDS);
  const schema = freshSchemaName('ledger_bench');
  const store = new PostgresLedgerStore({ connectionString: url, schema, maxConnections: CLIENTS });
  await store.migrate();
  const grantId = await workspaces(store);
  const plainPool = new Pool({ connectionString: url, max: CLIENTS, options: `-c search_path=${schema}` });
  const numbered = (sql: string) => { let n = 0; return sql.replace(/\?/g, () => `$${++n}`); };
  const [plainMs, storeMs] = await alternate(
    (r) => inParallel(r * perRound, (r + 1) * perRound, async (i) => {
      const c = charge(i, 'p');
      const client = await plainPool.connect();
      try {
        await client.query('BEGIN');
        await client.query({ name: 'ins', text: numbered(PLAIN_INSERT), values: plainRow(c, grantId) });
        const updated = await client.query({ name: 'upd', text: numbered(PLAIN_GUARD), values: [c.millicredits, grantId, c.millicredits] });
        if (updated.rowCount !== 1) throw new Error('insufficient');
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    }),
    (r) => inParallel(r * perRound, (r + 1) * perRound, async (i) => {
      const outcome = await store.charge(charge(i));
      if (outcome.status !== 'recorded') throw new Error(`charge ${i} was ${outcome.status}`);
    }),
  );
  await plainPool.end();
  await audit(store);
  await store.close();
  await dropSchema(url, schema);
  return { store: rate(perRound * ROUNDS, storeMs), plain: rate(perRound * ROUNDS, plainMs) };
}

async function audit(store: LedgerStore): Promise<void> {
  const report = await store.audit('w');
  if (!report.ok) throw new Error(`audit failed after the bench: ${report.problems.join('; ')}`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  try {
    const lite = await sqlite(dir);
    const pg = await postgres();
    const rows = [
      { what: 'SQLite, 1 charge per transaction', store: lite.single, plain: lite.plainSingle, ok: lite.single >= 0.5 * lite.plainSingle, target: 'store ≥ 0.5 × plain' },
      { what: 'SQLite, batches of 100', store: lite.batch, plain: lite.plainBatch, ok: lite.batch >= 100_000, target: 'store ≥ 100,000/s' },
      { what: `PostgreSQL, ${CLIENTS} clients, 1 per transaction`, store: pg.store, plain: pg.plain, ok: pg.store >= 0.5 * pg.plain, target: 'store ≥ 0.5 × plain' },
    ];
    console.log(`charges/s; ${fmt(N)} single and ${fmt(N * 5)} batched charges on SQLite, ${fmt(Math.max(2_000, Math.floor(N / 2)))} on PostgreSQL; store and plain alternate in ${ROUNDS} rounds`);
    for (const r of rows) {
      console.log(`${r.what.padEnd(42)} store ${fmt(r.store).padStart(9)}/s  plain ${fmt(r.plain).padStart(9)}/s  ratio ${(r.store / r.plain).toFixed(2)}  ${r.ok ? 'ok' : 'MISSED'} (${r.target})`);
    }
    process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
