import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../ledger/src/http/app';
import { bootstrap } from '../../../ledger/src/service/bootstrap';
import { openSqliteLedgerStore } from '../../../ledger/src/store/sqlite';
import type { LedgerStore, Workspace } from '../../../ledger/src/store/types';
import { makeKey } from '../http/helpers';
import { freePort } from '../../support/freePort';
export { freePort };

const RUN_DATA = join(__dirname, '..', '..', 'fixtures', 'run-data');

/** A run-data fixture (`linear`, `wait-parked`, …) and its workflow, as the hook receives them from n8n. */
export function fixture(name: string, workflowName = name): { run: Record<string, unknown>; workflow: Record<string, unknown>; executionId: string } {
  const run = JSON.parse(readFileSync(join(RUN_DATA, `${name}.run.json`), 'utf8')) as Record<string, unknown>;
  const workflow = JSON.parse(readFileSync(join(RUN_DATA, `${workflowName}.workflow.json`), 'utf8')) as Record<string, unknown>;
  return { run, workflow: { id: 'wf-1', ...workflow }, executionId: String(run.executionId) };
}


/** A real ledger listening on 127.0.0.1 over a SQLite file, which can be stopped and started again on its port. */
export class LedgerServer {
  store!: LedgerStore;
  ws!: Workspace;
  meterKey!: string;
  app: FastifyInstance | null = null;
  readonly dbPath: string;
  /** Execution ids the store fails on the way PostgreSQL fails on a NUL byte: an unexpected error, so a 500. */
  readonly poison = new Set<string>();
  /** Every execution id the ledger was asked to record, in order (poisoned ones included). */
  readonly recordCalls: string[] = [];
  constructor(readonly port: number) {
    this.dbPath = join(tempDir('hook-ledger-'), 'ledger.db');
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async create(plan = 'twenty'): Promise<LedgerServer> {
    const server = new LedgerServer(await freePort());
    const store = await openSqliteLedgerStore({ path: server.dbPath });
    const { workspace } = await bootstrap(store, plan);
    server.meterKey = await makeKey(store, workspace.id, 'meter');
    server.ws = workspace;
    await store.close();
    await server.start();
    return server;
  }

  async start(): Promise<void> {
    this.store = await openSqliteLedgerStore({ path: this.dbPath });
    const { app } = await buildApp({ store: this.faultyStore(this.store), keyCacheMs: 0 });
    await app.listen({ host: '127.0.0.1', port: this.port });
    this.app = app;
  }

  /** The store, with `recordExecution` failing for poisoned execution ids and logging every call. */
  private faultyStore(store: LedgerStore): LedgerStore {
    return new Proxy(store, {
      get: (target, prop) => {
        const value = Reflect.get(target, prop, target) as unknown;
        if (prop !== 'recordExecution') return typeof value === 'function' ? value.bind(target) : value;
        return async (input: Parameters<LedgerStore['recordExecution']>[0]) => {
          this.recordCalls.push(input.executionId);
          if (this.poison.has(input.executionId)) throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
          return target.recordExecution(input);
        };
      },
    });
  }

  async stop(): Promise<void> {
    if (!this.app) return;
    await this.app.close();
    await this.store.close();
    this.app = null;
  }

  env(spoolDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { N8N_CREDITS_URL: this.url, N8N_CREDITS_API_KEY: this.meterKey, N8N_CREDITS_SPOOL_DIR: spoolDir, N8N_CREDITS_RETRY_MS: '20', N8N_CREDITS_RETRY_MAX_MS: '100', N8N_CREDITS_GATE_CACHE_MS: '0', ...extra };
  }
}

const made: string[] = [];
process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder, removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
