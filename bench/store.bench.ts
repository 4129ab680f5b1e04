/**
 * `npm run bench -- store [charges]`: charges per second through the ledger stores against a plain
 * INSERT + guarded UPDATE transaction on the same database, measured in one run.
 *
 * "Plain" is the least a correct, idempotent debit needs, in its own two tables of the same database
 * (same connection settings): `plain_entries` — the store's entry columns, a row id and the unique
 * (workspace, key) index that idempotency needs, nothing else — and `plain_balances`, one row taken
 * down with `UPDATE plain_balances SET remaining = remaining - ? WHERE id = ? AND remaining >= ?`.
 * It writes the same entry row the store writes. The ratio therefore charges the store for
 * everything it adds: its reads, rules, counters, and every extra index its schema maintains.
 * (Writing plain rows into the store's own `entries`/`grants` tables instead would make plain pay
 * for the store's indexes too, and flatter the store; that figure is printed as well, for reference,
 * as "plain on the store's tables".) Store and the plain sides alternate in rounds so a change in
 * machine load hits them alike.
 * - SQLite, one charge per transaction (target: store ≥ 0.5 × plain);
 * - SQLite, batches of 100 (target: store ≥ 100,000 charges/s);
 * - PostgreSQL with 8 clients, one charge per transaction (target: store ≥ 0.5 × plain).
 * PostgreSQL comes from `N8N_CREDITS_TEST_DATABASE_URL`, else a private cluster (see test/support/postgres.ts).
 * Printed, not asserted; the exit code is 1 when a target is missed.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PostgresLedgerStore } from '../ledger/src/store/postgres';
import { SqliteLedgerStore } from '../ledger/src/store/sqlite';
import { sqliteSettings } from '../ledger/src/store/sqliteDb';
import type { ChargeInput, LedgerStore } from '../ledger/src/store/types';
import type { Plan } from '../shared-pricing/src/plans/types';
import { dropSchema, freshSchemaName, testDatabaseUrl } from '../test/support/postgres';
import { reportResult } from './result';

const N = Number(process.argv[2] ?? 20_000);
const CLIENTS = 8;
const plan: Plan = {
  version: 1, name: 'bench', priceBook: 'default', cycle: 'monthly', allocation: 9_000_000_000_000, dailyLimit: null, rolloverCap: 0,
  topUps: { packs: [], lifetime: { kind: 'plan' } }, editorRunsFree: false, chargeFailedStep: true, exhaustion: 'pause', consecutiveFailureLimit: null, memberAllocations: false,
};
const ENTRY_COLUMNS = ['workspace_id', 'type', 'entry_key', 'millicredits', 'workflow_id', 'execution_id', 'node_name', 'node_type', 'run_index', 'kind', 'debits', 'overdraft', 'occurred_at', 'recorded_at'];
/** The plain side's own tables: the store's entry columns with only the unique key idempotency needs, and a balance row. */
const plainTables = (dialect: 'sqlite' | 'postgres') => {
  const [id, int] = dialect === 'sqlite' ? ['INTEGER PRIMARY KEY', 'INTEGER'] : ['BIGSERIAL PRIMARY KEY', 'BIGINT'];
  return `CREATE TABLE plain_entries (id ${id}, workspace_id TEXT NOT NULL, type TEXT NOT NULL, entry_key TEXT NOT NULL, millicredits ${int} NOT NULL,
    member_id TEXT, workflow_id TEXT, workflow_name TEXT, execution_id TEXT, node_name TEXT, node_type TEXT, run_index ${int}, mode TEXT, kind TEXT,
    model TEXT, tokens_in ${int}, tokens_out ${int}, status TEXT, debits TEXT NOT NULL, overdraft ${int} NOT NULL DEFAULT 0, reverses_key TEXT,
    reservation_id TEXT, occurred_at ${int} NOT NULL, recorded_at ${int} NOT NULL, UNIQUE (workspace_id, entry_key));
  CREATE TABLE plain_balances (id TEXT PRIMARY KEY, remaining ${int} NOT NULL);
  INSERT INTO plain_balances (id, remaining) VALUES ('plain', ${plan.allocation});`;
};
/** Plain writes: into its own tables (`own`), or, for reference, into the store's (`store`). */
const PLAIN = {
  own: { insert: `INSERT INTO plain_entries (${ENTRY_COLUMNS.join(', ')}) VALUES (${ENTRY_COLUMNS.map(() => '?').join(', ')})`, guard: 'UPDATE plain_balances SET remaining = remaining - ? WHERE id = ? AND remaining >= ?' },
  store: { insert: `INSERT INTO entries (${ENTRY_COLUMNS.join(', ')}) VALUES (${ENTRY_COLUMNS.map(() => '?').join(', ')})`, guard: 'UPDATE grants SET remaining = remaining - ? WHERE id = ? AND remaining >= ?' },
};
type PlainKind = keyof typeof PLAIN;

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
 * Runs each side in turn, round after round, and returns the total ms of each, so a machine whose
 * load changes during the run slows every side alike and the ratios stay fair.
 */
async function alternate(...sides: Array<(round: number) => Promise<void> | void>): Promise<number[]> {
  const ms = sides.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, side] of sides.entries()) ms[i] += await timed(() => side(round));
  }
  return ms;
}

interface Rates { store: number; plain: number; plainOnStore: number }

async function sqlite(dir: string): Promise<{ single: Rates; batch: Rates }> {
  const path = join(dir, 'ledger.db');
  const store = new SqliteLedgerStore({ path });
  await store.migrate();
  const grantId = await workspaces(store);
  // A second connection to the same file, with the store's settings.
  const plainDb = new Database(path);
  for (const setting of sqliteSettings) plainDb.pragma(setting);
  plainDb.exec(plainTables('sqlite'));
  const sides = (kind: PlainKind) => {
    const insert = plainDb.prepare(PLAIN[kind].insert);
    const guard = plainDb.prepare(PLAIN[kind].guard);
    const balanceId = kind === 'own' ? 'plain' : grantId;
    const write = (c: ChargeInput) => {
      insert.run(...plainRow(c, balanceId));
      if (guard.run(c.millicredits, balanceId, c.millicredits).changes !== 1) throw new Error('insufficient');
    };
    return { one: plainDb.transaction(write), many: plainDb.transaction((cs: ChargeInput[]) => cs.forEach(write)) };
  };
  const own = sides('own');
  const onStore = sides('store');
  const perRound = Math.ceil(N / ROUNDS);
  const singles = (r: number, run: (c: ChargeInput) => unknown, prefix: string) => { for (let i = r * perRound; i < (r + 1) * perRound; i++) run(charge(i, prefix)); };
  const [singleMs, plainSingleMs, onStoreSingleMs] = await alternate(
    async (r) => { for (let i = r * perRound; i < (r + 1) * perRound; i++) await store.charge(charge(i)); },
    (r) => singles(r, own.one, 'p'),
    (r) => singles(r, onStore.one, 'q'),
  );
  const batchPerRound = Math.ceil((N * 5) / ROUNDS / 100) * 100;
  const batches = (r: number, prefix: string) => Array.from({ length: batchPerRound / 100 }, (_, b) => Array.from({ length: 100 }, (_, j) => charge(r * batchPerRound + b * 100 + j, prefix)));
  const [batchMs, plainBatchMs, onStoreBatchMs] = await alternate(
    async (r) => { for (const batch of batches(r, 'b')) await store.chargeBatch(batch); },
    (r) => { for (const batch of batches(r, 'pb')) own.many(batch); },
    (r) => { for (const batch of batches(r, 'qb')) onStore.many(batch); },
  );
  plainDb.close();
  await audit(store);
  await store.close();
  const total = perRound * ROUNDS;
  const batched = batchPerRound * ROUNDS;
  return {
    single: { store: rate(total, singleMs), plain: rate(total, plainSingleMs), plainOnStore: rate(total, onStoreSingleMs) },
    batch: { store: rate(batched, batchMs), plain: rate(batched, plainBatchMs), plainOnStore: rate(batched, onStoreBatchMs) },
  };
}

/** Runs `work(i)` for i in [from, to) on CLIENTS concurrent loops. */
async function inParallel(from: number, to: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = from;
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (next < to) await work(next++);
  }));
}

async function postgres(): Promise<Rates> {
  const url = await testDatabaseUrl();
  const perRound = Math.ceil(Math.max(2_000, Math.floor(N / 2)) / ROUNDS);
  const schema = freshSchemaName('ledger_bench');
  const store = new PostgresLedgerStore({ connectionString: url, schema, maxConnections: CLIENTS });
  await store.migrate();
  const grantId = await workspaces(store);
  const plainPool = new Pool({ connectionString: url, max: CLIENTS, options: `-c search_path=${schema}` });
  await plainPool.query(plainTables('postgres'));
  const numbered = (sql: string) => { let n = 0; return sql.replace(/\?/g, () => `$${++n}`); };
  const plainSide = (kind: PlainKind, prefix: string) => (r: number) => inParallel(r * perRound, (r + 1) * perRound, async (i) => {
    const c = charge(i, prefix);
    const balanceId = kind === 'own' ? 'plain' : grantId;
    const client = await plainPool.connect();
    try {
      await client.query('BEGIN');
      await client.query({ name: `ins-${kind}`, text: numbered(PLAIN[kind].insert), values: plainRow(c, balanceId) });
      const updated = await client.query({ name: `upd-${kind}`, text: numbered(PLAIN[kind].guard), values: [c.millicredits, balanceId, c.millicredits] });
      if (updated.rowCount !== 1) throw new Error('insufficient');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  });
  const [storeMs, plainMs, onStoreMs] = await alternate(
    (r) => inParallel(r * perRound, (r + 1) * perRound, async (i) => {
      const outcome = await store.charge(charge(i));
      if (outcome.status !== 'recorded') throw new Error(`charge ${i} was ${outcome.status}`);
    }),
    plainSide('own', 'p'),
    plainSide('store', 'q'),
  );
  await plainPool.end();
  await audit(store);
  await store.close();
  await dropSchema(url, schema);
  const total = perRound * ROUNDS;
  return { store: rate(total, storeMs), plain: rate(total, plainMs), plainOnStore: rate(total, onStoreMs) };
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
      { what: 'SQLite, 1 charge per transaction', ...lite.single, ok: lite.single.store >= 0.5 * lite.single.plain, target: 'store ≥ 0.5 × plain' },
      { what: 'SQLite, batches of 100', ...lite.batch, ok: lite.batch.store >= 100_000, target: 'store ≥ 100,000/s' },
      { what: `PostgreSQL, ${CLIENTS} clients, 1 per transaction`, ...pg, ok: pg.store >= 0.5 * pg.plain, target: 'store ≥ 0.5 × plain' },
    ];
    console.log(`charges/s; ${fmt(N)} single and ${fmt(N * 5)} batched charges on SQLite, ${fmt(Math.max(2_000, Math.floor(N / 2)))} on PostgreSQL; store and plain alternate in ${ROUNDS} rounds`);
    console.log(`plain = INSERT + guarded UPDATE into its own minimal tables; "on store's tables" = the same writes into the store's entries and grants (for reference)`);
    for (const r of rows) {
      console.log(
        `${r.what.padEnd(42)} store ${fmt(r.store).padStart(9)}/s  plain ${fmt(r.plain).padStart(9)}/s  ratio ${(r.store / r.plain).toFixed(2)}  ${r.ok ? 'ok' : 'MISSED'} (${r.target})` +
          `  | on store's tables ${fmt(r.plainOnStore)}/s, ratio ${(r.store / r.plainOnStore).toFixed(2)}`,
      );
    }
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
    reportResult('store', rows.flatMap((r) => [
      { name: `${r.what}: store`, value: r.store, unit: 'charges/s', target: r.target, ok: r.ok },
      { name: `${r.what}: store / plain (${fmt(r.plain)}/s)`, value: Number((r.store / r.plain).toFixed(2)), unit: '×' },
      { name: `${r.what}: store / plain on the store's tables (${fmt(r.plainOnStore)}/s)`, value: Number((r.store / r.plainOnStore).toFixed(2)), unit: '×' },
    ]));
    process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
