/**
 * A PostgreSQL for tests. `N8N_CREDITS_TEST_DATABASE_URL` wins; otherwise a private cluster is
 * started from the system's binaries (`/usr/lib/postgresql/<v>/bin`) in a temp folder on a free
 * port of 127.0.0.1 and stopped when the process exits; without binaries the shared server at
 * 127.0.0.1:5432 is used. Each caller gets a fresh schema, so runs never see each other's rows.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { freePort } from './freePort';

const FALLBACK_URL = 'postgres://postgres@127.0.0.1:5432/test';
let started: Promise<string> | null = null;

/** The newest `/usr/lib/postgresql/<v>/bin` with initdb, or null when PostgreSQL is not installed. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

/** Runs a PostgreSQL binary as the `postgres` user when we are root (initdb refuses root). */
export function runAsPostgres(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(command, argv, { stdio: 'pipe' });
}

const PREFIX = 'n8n-credits-pg-';

/**
 * A new cluster in a temp folder (`<dir>/data`, trust auth, no fsync), owned by the `postgres` user when we are
 * root since PostgreSQL refuses to run as root.
 */
export function initCluster(bin: string, prefix: string): { dir: string; data: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  runAsPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  return { dir, data };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function stopCluster(bin: string, dir: string): void {
  const stop = [join(bin, 'pg_ctl'), '-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop'];
  const asRoot = process.getuid?.() === 0;
  spawnSync(asRoot ? 'runuser' : stop[0], asRoot ? ['-u', 'postgres', '--', ...stop] : stop.slice(1), { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}

/** Stops clusters left by test processes that were killed before they could stop them (their owner is gone). */
function stopOrphans(bin: string): void {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const dir = join(tmpdir(), name);
    const ownerFile = join(dir, 'owner.pid');
    if (!existsSync(ownerFile)) continue;
    const owner = Number(readFileSync(ownerFile, 'utf8'));
    if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) stopCluster(bin, dir);
  }
}

async function startCluster(bin: string): Promise<string> {
  stopOrphans(bin);
  const { dir, data } = initCluster(bin, PREFIX);
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200 -c shared_buffers=32MB`;
  runAsPostgres(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  let stopped = false;
  const stop = () => {
    if (!stopped) stopCluster(bin, dir);
    stopped = true;
  };
  process.once('exit', stop);
  // Interrupted runs stop the cluster too, then die of the same signal.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop();
      process.kill(process.pid, signal);
    });
  }
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

/** The URL of the test PostgreSQL, starting a private cluster on first use. */
export function testDatabaseUrl(): Promise<string> {
  if (!started) {
    const fromEnv = process.env.N8N_CREDITS_TEST_DATABASE_URL;
    const bin = fromEnv ? null : postgresBin();
    started = fromEnv ? Promise.resolve(fromEnv) : bin ? startCluster(bin) : Promise.resolve(FALLBACK_URL);
  }
  return started;
}

/** A new, empty schema name for one test run (created by the store's migrate). */
export function freshSchemaName(prefix = 'ledger_test'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** Drops a schema created by a test. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
