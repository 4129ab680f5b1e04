import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** A real `n8n-credits serve` child process on 127.0.0.1 with SQLite in a temporary folder. */
export interface LedgerProcess {
	url: string;
	adminKey: string;
	pid: number;
	/** Calls the ledger's HTTP API with a key (the admin key by default). */
	api(method: string, path: string, body?: unknown, key?: string): Promise<{ status: number; body: any }>;
	/** SIGTERM by PID, waits for the exit, removes the data folder. */
	stop(): Promise<void>;
}

/** Starts `n8n-credits serve --port 0` (through tsx, as `npm run cli -- serve`) and reads the URL and admin key it prints. */
export async function startLedgerProcess(): Promise<LedgerProcess> {
	const dataDir = mkdtempSync(join(tmpdir(), 'credits-ledger-'));
	const child: ChildProcess = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'cli', 'src', 'main.ts'), 'serve', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, '--log-level', 'silent'], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: withoutDatabaseUrl(process.env),
	});
	let out = '';
	let err = '';
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const { url, adminKey } = await new Promise<{ url: string; adminKey: string }>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`the ledger did not start within 60 s:\n${out}\n${err}`)), 60_000);
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const url = /ledger on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
			const key = /\n\s+(n8c_[A-Za-z0-9_-]+)\s*\n/.exec(out)?.[1];
			if (url && key) {
				clearTimeout(timer);
				resolve({ url, adminKey: key });
			}
		});
		child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the ledger exited with ${code}:\n${out}\n${err}`));
		});
	});
	const api = async (method: string, path: string, body?: unknown, key = adminKey) => {
		const response = await fetch(`${url}${path}`, {
			method,
			headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : null };
	};
	return {
		url,
		adminKey,
		pid: child.pid!,
		api,
		stop: async () => {
			if (child.exitCode === null) process.kill(child.pid!, 'SIGTERM');
			await exited;
			rmSync(dataDir, { recursive: true, force: true });
		},
	};
}

/**
 * The environment without a PostgreSQL URL, so the ledger uses SQLite in the data folder, and with tsx on the
 * whole-repository compiler options: the root tsconfig.json is the community package's build config, whose
 * `include` does not cover cli/ or ledger/ (tsx would compile them without `strict`).
 */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const copy: NodeJS.ProcessEnv = { ...env, TSX_TSCONFIG_PATH: env.TSX_TSCONFIG_PATH ?? join(ROOT, 'tsconfig.check.json') };
	delete copy.N8N_CREDITS_DATABASE_URL;
	return copy;
}
