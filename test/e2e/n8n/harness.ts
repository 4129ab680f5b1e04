/**
 * Drives the real n8n app (n8n@2.0.3 from the cache `setup.sh` fills) and a real `n8n-credits serve`, both built
 * the way users run them: the compiled CLI in `cli/dist` and the compiled hook in `ledger/dist`. Every process is
 * stopped by PID.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { freePort } from '../../ledger/hook/helpers';

export const REPO = resolve(__dirname, '../../..');
export const WORKFLOWS = join(__dirname, 'workflows');
export const HOOK_FILE = join(REPO, 'ledger/bin/n8n-hook.js');
/** The compiled command, as the packed n8n-credits-cli package's bin runs it (in a checkout the bin runs the sources). */
export const CLI = join(REPO, 'cli/dist/cli/src/main.js');

/** Installs n8n@2.0.3 into the cache if needed and returns the path of its `n8n` binary. */
export function setupN8n(): string {
  const cache = execFileSync('bash', [join(__dirname, 'setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 20 * 60 * 1000 }).trim().split('\n').pop()!;
  return join(cache, 'node_modules/.bin/n8n');
}

let built = false;

/** Compiles ledger/ (hook, shared-pricing) into ledger/dist and cli/ into cli/dist, once per test process. */
export function buildLedger(): void {
  if (built) return;
  built = true;
  for (const [project, output] of [['ledger/tsconfig.build.json', 'ledger/dist/ledger/src/hook/index.js'], ['cli/tsconfig.build.json', CLI]]) {
    try {
      execFileSync('npx', ['tsc', '-p', project], { cwd: REPO, stdio: 'inherit', timeout: 10 * 60 * 1000 });
    } catch (err) {
      // tsc still emits when a file elsewhere in the tree has a type error; what this suite runs must exist.
      if (!existsSync(resolve(REPO, output))) throw err;
      console.warn(`${project} reported type errors; running the emitted files`);
    }
  }
}

/** Builds the community package (`npm run build:nodes`) and packs it with `npm pack`; returns the .tgz path. */
export function packCommunityPackage(destination: string): string {
  execFileSync('npm', ['run', 'build:nodes'], { cwd: REPO, stdio: 'inherit', timeout: 10 * 60 * 1000 });
  const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: REPO, encoding: 'utf8', timeout: 300000 });
  return join(destination, out.trim().split('\n').pop()!);
}

/** A child process with its output collected, stopped by its PID. */
export class Proc {
  output = '';
  exited: Promise<number | null>;
  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((r) => child.once('exit', (code) => r(code)));
    child.on('error', (err) => (this.output += `\nspawn error: ${err.message}\n`));
  }

  async waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const m = pattern.exec(this.output);
      if (m) return m;
      if (this.child.exitCode !== null) throw new Error(`process ${this.child.pid} exited (${this.child.exitCode}) before ${pattern}:\n${this.output.slice(-3000)}`);
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${pattern}:\n${this.output.slice(-3000)}`);
  }

  /** SIGTERM by PID, SIGKILL after `graceMs`. */
  async stop(graceMs = 15000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null || !this.child.pid) return;
    process.kill(this.child.pid, 'SIGTERM');
    const timer = setTimeout(() => this.child.pid && this.child.exitCode === null && process.kill(this.child.pid, 'SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value that is not undefined. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** A private `redis-server` on 127.0.0.1 (no persistence) for n8n's queue mode. */
export class Redis {
  proc: Proc | null = null;
  constructor(readonly port: number) {}

  async start(): Promise<void> {
    this.proc = new Proc(spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] }));
    await this.proc.waitFor(/Ready to accept connections/, 30000);
  }

  async stop(): Promise<void> {
    await this.proc?.stop();
    this.proc = null;
  }
}

/** A real `n8n-credits serve` on SQLite in `dataDir`, restartable on the same port. */
export class Ledger {
  proc: Proc | null = null;
  adminKey = '';
  meterKey = '';
  /** `env`: added to the service's environment (a fake clock for renewal tests). */
  constructor(readonly port: number, readonly dataDir: string, readonly env: Record<string, string> = {}) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    mkdirSync(this.dataDir, { recursive: true });
    const child = spawn(process.execPath, [CLI, 'serve', '--host', '127.0.0.1', '--port', String(this.port), '--data-dir', this.dataDir], { cwd: this.dataDir, env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = new Proc(child);
    await this.proc.waitFor(/n8n Credits ledger on /, 60000);
    const key = /Admin key[^\n]*\n\s*\n\s*(n8c_\S+)/.exec(this.proc.output);
    if (key) this.adminKey = key[1]!;
    if (!this.meterKey) this.meterKey = String((await this.api('POST', '/v1/keys', { role: 'meter', name: 'n8n hook' })).body.key);
  }

  async stop(): Promise<void> {
    await this.proc?.stop();
    this.proc = null;
  }

  async api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${this.url}${path}`, { method, headers: { authorization: `Bearer ${this.adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** key → millicredits of an execution's entries; {} when it has none. */
  async entries(executionId: string): Promise<Record<string, number>> {
    const res = await this.api('GET', `/v1/executions/${encodeURIComponent(executionId)}/entries`);
    if (res.status === 404) return {};
    const entries = res.body.entries as Array<{ key: string; millicredits: number }>;
    return Object.fromEntries(entries.map((e) => [e.key, e.millicredits]));
  }
}

/** One private n8n instance: its user folder, SQLite database, ports and environment. */
export class N8n {
  server: Proc | null = null;
  cookie = '';
  apiKey = '';
  readonly userFolder: string;
  worker: Proc | null = null;
  constructor(readonly bin: string, root: string, readonly port: number, readonly brokerPort: number, readonly hookEnv: Record<string, string>, readonly extraEnv: Record<string, string> = {}) {
    this.userFolder = join(root, 'n8n');
    mkdirSync(this.userFolder, { recursive: true });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get spoolDir(): string {
    return join(this.userFolder, 'credits-spool');
  }

  env(hook: boolean, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const base: NodeJS.ProcessEnv = {
      PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production',
      N8N_USER_FOLDER: this.userFolder, DB_TYPE: 'sqlite', N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_PORT: String(this.port),
      N8N_RUNNERS_BROKER_PORT: String(this.brokerPort), N8N_DIAGNOSTICS_ENABLED: 'false', N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
      N8N_TEMPLATES_ENABLED: 'false', N8N_PERSONALIZATION_ENABLED: 'false', N8N_SECURE_COOKIE: 'false', N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
      N8N_HIRING_BANNER_ENABLED: 'false', N8N_LOG_LEVEL: 'info',
    };
    Object.assign(base, this.extraEnv);
    if (hook) Object.assign(base, { EXTERNAL_HOOK_FILES: HOOK_FILE, N8N_CREDITS_SPOOL_DIR: this.spoolDir, N8N_CREDITS_GATE_CACHE_MS: '0', N8N_CREDITS_RETRY_MS: '200', N8N_CREDITS_RETRY_MAX_MS: '1000', ...this.hookEnv });
    return { ...base, ...extra };
  }

  /** Runs an n8n command to its end (import, publish, execute); returns its exit code and output. */
  command(args: string[], hook: boolean, extra: Record<string, string> = {}): { code: number; output: string } {
    try {
      const output = execFileSync(this.bin, args, { env: this.env(hook, extra), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180000 });
      return { code: 0, output };
    } catch (err) {
      const e = err as { status?: number; stdout?: string; stderr?: string };
      return { code: e.status ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  }

  /** Imports a workflow file (it carries `versionId`) and records that version in n8n's history so it can be published. */
  importWorkflow(file: string, publish: boolean): string {
    const wf = JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as { id: string; versionId: string; name: string; nodes: unknown; connections: unknown };
    const r = this.command(['import:workflow', `--input=${join(WORKFLOWS, file)}`], false);
    if (!/Successfully imported 1 workflow/.test(r.output)) throw new Error(`import of ${file} failed:\n${r.output}`);
    if (publish) {
      // `import:workflow` writes no workflow_history row and `publish:workflow` needs one: add it as the editor would.
      const db = new Database(join(this.userFolder, '.n8n', 'database.sqlite'));
      try {
        db.prepare('INSERT OR IGNORE INTO workflow_history (versionId, workflowId, authors, nodes, connections, name) VALUES (?, ?, ?, ?, ?, ?)')
          .run(wf.versionId, wf.id, 'n8n-credits e2e', JSON.stringify(wf.nodes), JSON.stringify(wf.connections), wf.name);
      } finally {
        db.close();
      }
      const p = this.command(['publish:workflow', `--id=${wf.id}`], false);
      if (p.code !== 0 || /not found/i.test(p.output)) throw new Error(`publish of ${wf.id} failed:\n${p.output}`);
    }
    return wf.id;
  }

  /** Imports a credential (its data in plain JSON; n8n encrypts it on import) under a fixed id workflows name. */
  importCredential(credential: { id: string; name: string; type: string; data: Record<string, unknown> }): void {
    const file = join(this.userFolder, `credential-${credential.id}.json`);
    writeFileSync(file, JSON.stringify([credential]));
    const r = this.command(['import:credentials', `--input=${file}`], false);
    if (!/Successfully imported 1 credential/.test(r.output)) throw new Error(`import of credential ${credential.id} failed:\n${r.output}`);
  }

  /**
   * Installs a packed community package (`npm pack` output) the way n8n installs one: into the user folder's
   * `.n8n/nodes`, whose `node_modules/n8n-nodes-*` n8n loads at start. Peer dependencies (n8n-workflow) are n8n's own.
   */
  installCommunityPackage(tgz: string): void {
    const dir = join(this.userFolder, '.n8n', 'nodes');
    mkdirSync(dir, { recursive: true });
    if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }) + '\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--legacy-peer-deps', '--omit=dev', tgz], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'], timeout: 300000 });
  }

  /** The node type names n8n offers in the editor (`/types/nodes.json`, signed in). */
  async nodeTypeNames(): Promise<string[]> {
    const res = await fetch(`${this.url}/types/nodes.json`, { headers: { cookie: this.cookie } });
    if (!res.ok) throw new Error(`/types/nodes.json: ${res.status}`);
    return ((await res.json()) as Array<{ name: string }>).map((n) => n.name);
  }

  async start(): Promise<void> {
    this.server = new Proc(spawn(this.bin, ['start'], { env: this.env(true), stdio: ['ignore', 'pipe', 'pipe'] }));
    await this.server.waitFor(/Editor is now accessible/, 180000);
  }

  /** Starts `n8n worker` (queue mode), with the hook, on its own task-broker port. */
  async startWorker(brokerPort: number): Promise<void> {
    this.worker = new Proc(spawn(this.bin, ['worker'], { env: this.env(true, { N8N_RUNNERS_BROKER_PORT: String(brokerPort) }), stdio: ['ignore', 'pipe', 'pipe'] }));
    await this.worker.waitFor(/n8n worker is now ready/, 180000);
  }

  async stop(): Promise<void> {
    await this.worker?.stop(30000);
    this.worker = null;
    await this.server?.stop(30000);
    this.server = null;
  }

  /** Creates the owner (REST, as the setup screen does) and a public-API key with execution scopes. */
  async setupOwnerAndApiKey(): Promise<void> {
    const setup = await fetch(`${this.url}/rest/owner/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'owner@example.com', firstName: 'Credits', lastName: 'E2E', password: 'Credits-e2e-Passw0rd' }) });
    if (!setup.ok) throw new Error(`owner setup: ${setup.status} ${await setup.text()}`);
    this.cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0]!;
    const key = await this.rest('POST', '/rest/api-keys', { label: 'n8n-credits sync', scopes: ['execution:list', 'execution:read'], expiresAt: null });
    this.apiKey = String((key as { rawApiKey: string }).rawApiKey);
  }

  async rest(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.url}${path}`, { method, headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
    return (JSON.parse(text) as { data: unknown }).data;
  }

  /** One execution with its data, through the public API. */
  async execution(id: string): Promise<{ id: string; mode: string; status: string; data: { resultData: { runData: Record<string, unknown[]>; error?: { message?: string } } }; workflowData: Record<string, unknown> }> {
    const res = await fetch(`${this.url}/api/v1/executions/${id}?includeData=true`, { headers: { 'X-N8N-API-KEY': this.apiKey } });
    if (!res.ok) throw new Error(`execution ${id}: ${res.status} ${await res.text()}`);
    return (await res.json()) as never;
  }

  /** The newest execution ids, newest first. */
  async executionIds(): Promise<string[]> {
    const res = await fetch(`${this.url}/api/v1/executions?limit=250`, { headers: { 'X-N8N-API-KEY': this.apiKey } });
    return ((await res.json()) as { data: Array<{ id: string }> }).data.map((e) => String(e.id));
  }

  /** Calls a production webhook. */
  async webhook(path: string, body: unknown): Promise<{ status: number; body: string }> {
    const res = await fetch(`${this.url}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.text() };
  }
}

export { freePort };
