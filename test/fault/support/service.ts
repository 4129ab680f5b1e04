/**
 * Starts the ledger service as a child process (see serve-child.ts), talks HTTP to it over
 * keep-alive connections, and stops it by PID (SIGTERM, or SIGKILL for the crash tests).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { nodeCommand } from './folders';
import type { MemoryReport } from './serve-child';

const CHILD = join(__dirname, 'serve-child.ts');

export interface ServeOptions {
  dataDir?: string;
  database?: string;
  port?: number;
  /** Extra node flags, e.g. `--expose-gc`. */
  nodeFlags?: string[];
  /** A file-size limit for the child in 512-byte blocks (`ulimit -f`): a full disk without a tmpfs. */
  fileBlocks?: number | null;
}

export interface ServeChild {
  url: string;
  /** The admin key printed by the first start (null on a restart of the same ledger). */
  key: string | null;
  pid: number;
  child: ChildProcess;
  /** Set when the process has exited, with its code or signal. */
  exited: { code: number | null; signal: NodeJS.Signals | null } | null;
  /** What the child wrote on stderr (a crash's stack trace). */
  stderr(): string;
  /** SIGTERM, then SIGKILL after `ms`; resolves when it has exited. */
  stop(ms?: number): Promise<void>;
  /** SIGKILL: the crash. Resolves when it has exited. */
  kill9(): Promise<void>;
  memory(): Promise<MemoryReport>;
}

/** Starts `serve`; rejects with the child's own error line (or stderr) when it cannot start. */
export function startServe(options: ServeOptions, timeoutMs = 60_000): Promise<ServeChild> {
  const args = [...(options.nodeFlags ?? []), '--import', 'tsx', CHILD];
  if (options.dataDir) args.push('--data-dir', options.dataDir);
  if (options.database) args.push('--database', options.database);
  if (options.port !== undefined) args.push('--port', String(options.port));
  const [cmd, argv] = nodeCommand(args, options.fileBlocks ?? null);
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    if (err.length > 64_000) err = err.slice(-32_000);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within ${timeoutMs} ms; stderr: ${err}`));
    }, timeoutMs);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      const line = out.split('\n')[0] ?? '';
      reject(new Error(`serve exited (${code ?? signal}) before listening: ${line || err}`));
    };
    child.once('exit', onExit);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (!out.includes('\n')) return;
      const first = JSON.parse(out.split('\n')[0]!) as { url?: string; key?: string | null; pid?: number; error?: string };
      if (first.error) return; // the exit handler reports it
      clearTimeout(timer);
      child.off('exit', onExit);
      const served: ServeChild = {
        url: first.url!, key: first.key ?? null, pid: child.pid!, child, exited: null,
        stderr: () => err,
        stop: (ms = 10_000) => stopChild(served, 'SIGTERM', ms),
        kill9: () => stopChild(served, 'SIGKILL', 10_000),
        memory: () => new Promise((res) => {
          child.once('message', (m) => res(m as MemoryReport));
          child.send({ type: 'memory' });
        }),
      };
      child.once('exit', (code, signal) => {
        served.exited = { code, signal };
      });
      resolve(served);
    });
  });
}

function stopChild(served: ServeChild, signal: NodeJS.Signals, ms: number): Promise<void> {
  if (served.exited || served.child.exitCode !== null || served.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => process.kill(served.pid, 'SIGKILL'), ms);
    served.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    process.kill(served.pid, signal);
  });
}

export interface Answer {
  status: number;
  body: unknown;
  /** The raw body text (for answers that are not JSON). */
  text: string;
  contentType: string;
}

/** One HTTP request; rejects on a connection error (refused, reset), resolves with any status. */
export function call(agent: Agent, url: string, key: string | null, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<Answer> {
  const base = new URL(url);
  return new Promise((resolve, reject) => {
    const h: Record<string, string | number> = { ...headers };
    if (key) h.authorization = `Bearer ${key}`;
    if (body !== undefined) {
      h['content-type'] ??= 'application/json';
      h['content-length'] = Buffer.byteLength(body);
    }
    const req = request({ agent, host: base.hostname, port: base.port, path, method, headers: h, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = undefined;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = undefined;
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, text, contentType: String(res.headers['content-type'] ?? '') });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`request timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** A keep-alive agent with one socket: one client. */
export function client(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 1 });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
