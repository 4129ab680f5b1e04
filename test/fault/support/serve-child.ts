/**
 * `n8n-credits serve` in a child process for the fault tests and the memory bench. Arguments:
 * `--data-dir DIR` (SQLite) or `--database URL` (PostgreSQL), optional `--port N`. Prints one JSON
 * line `{url, key, pid}` when it listens (`key` is null on a restart: the first start's key stays
 * valid). Over IPC it answers `{type:'memory'}` with its memory after a full GC (run it with
 * `--expose-gc`) and the peak RSS. SIGTERM stops it cleanly; a failure to start prints
 * `{error}` on stdout and exits 1.
 */
import { resolveConfig } from '../../../ledger/src/service/config';
import { startService } from '../../../ledger/src/service/service';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export interface MemoryReport {
  type: 'memory';
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** Peak resident set size of the process so far, in bytes. */
  maxRss: number;
}

async function main(): Promise<void> {
  // The fault tests load the ledger with the admin key: its per-key rate limit is off, as a meter key's is by default.
  const config = resolveConfig({ port: flag('--port') ?? 0, dataDir: flag('--data-dir'), database: flag('--database'), logLevel: 'silent', rateLimit: 0 }, {}, process.cwd());
  const service = await startService(config);
  process.stdout.write(JSON.stringify({ url: service.url, key: service.adminKey, pid: process.pid }) + '\n');
  process.on('message', (message: { type?: string }) => {
    if (message?.type !== 'memory') return;
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    const report: MemoryReport = { type: 'memory', rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, maxRss: process.resourceUsage().maxRSS * 1024 };
    process.send?.(report);
  });
  process.once('SIGTERM', () => {
    void service.stop().then(() => process.exit(0), () => process.exit(1));
  });
}

main().catch((err: unknown) => {
  process.stdout.write(JSON.stringify({ error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }) + '\n');
  process.exit(1);
});
