/**
 * A benchmark's `n8n-credits serve` in a child process, so the clients measuring it do not share its event loop.
 * The benchmark file runs itself with `--serve <dataDir>`; that side prints `{url, key}` as its first line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServeChild {
  url: string;
  key: string;
  /** Stops the server by its PID and removes its data folder. */
  stop(): Promise<void>;
}

/** Starts `benchFile --serve <fresh data folder>` and waits for the first line it prints. */
export async function startServeChild(benchFile: string, name: string): Promise<ServeChild> {
  const dataDir = mkdtempSync(join(tmpdir(), `n8c-bench-${name}-`));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', benchFile, '--serve', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const { url, key } = await new Promise<{ url: string; key: string }>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    return { url, key, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
