/**
 * Read-only and full data folders for the fault tests. As root with mount rights: a read-only bind
 * mount of a folder, and a small tmpfs. Without them: `chmod a-w` (not root) for read-only, and a
 * file-size limit (`ulimit -f`) on the child for full.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let mountable: boolean | null = null;

/** Whether this process may mount a tmpfs (root, or a container with CAP_SYS_ADMIN). */
export function canMount(): boolean {
  if (mountable !== null) return mountable;
  // N8C_FAULT_NO_MOUNT=1 tries the fallbacks on a machine that could mount.
  if (process.env.N8C_FAULT_NO_MOUNT === '1') return (mountable = false);
  const probe = mkdtempSync(join(tmpdir(), 'n8c-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    mountable = true;
  } catch {
    mountable = false;
  }
  rmdirSync(probe);
  return mountable;
}

/** Makes `dir` read-only in place; returns the function that makes it writable again. */
export function makeReadOnly(dir: string): () => void {
  if (canMount()) {
    execFileSync('mount', ['--bind', dir, dir]);
    execFileSync('mount', ['-o', 'remount,ro,bind', dir]);
    return () => execFileSync('umount', [dir]);
  }
  if (process.getuid?.() === 0) throw new Error('a read-only folder needs mount rights when running as root (chmod does not stop root)');
  const files = readdirSync(dir).map((f) => join(dir, f));
  for (const f of [...files, dir]) chmodSync(f, 0o555);
  return () => {
    for (const f of [dir, ...files]) chmodSync(f, 0o755);
  };
}

export interface SmallFolder {
  dir: string;
  /** When there is no tmpfs: the file-size limit in 512-byte blocks for the child (`ulimit -f`). */
  fileBlocks: number | null;
  /** Gives the folder room again (a larger tmpfs, or no limit). */
  grow(bytes: number): void;
  remove(): void;
}

/** A data folder that holds at most about `bytes`: a tmpfs of that size, else a per-file size limit. */
export function smallFolder(parent: string, name: string, bytes: number): SmallFolder {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  if (canMount()) {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir]);
    return {
      dir, fileBlocks: null,
      grow: (more) => execFileSync('mount', ['-o', `remount,size=${more}`, dir]),
      remove: () => execFileSync('umount', [dir]),
    };
  }
  const folder: SmallFolder = {
    dir, fileBlocks: Math.ceil(bytes / 512),
    grow: () => {
      folder.fileBlocks = null;
    },
    remove: () => undefined,
  };
  return folder;
}

/** A command line for `node args…`, under `ulimit -f blocks` when given. */
export function nodeCommand(args: string[], fileBlocks: number | null): [string, string[]] {
  if (fileBlocks === null) return [process.execPath, args];
  const quoted = [process.execPath, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return ['bash', ['-c', `ulimit -f ${fileBlocks}; exec ${quoted}`]];
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when it got as far as listening (then it was stopped with SIGTERM). */
  listened: boolean;
}

/** Runs the real `n8n-credits serve --data-dir dir`; stops it if it starts listening. */
export function runServeCli(dataDir: string, fileBlocks: number | null = null, timeoutMs = 60_000): Promise<CliRun> {
  const main = join(__dirname, '../../../cli/src/main.ts');
  const [cmd, argv] = nodeCommand(['--import', 'tsx', main, 'serve', '--data-dir', dataDir, '--port', '0', '--log-level', 'silent'], fileBlocks);
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let listened = false;
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!listened && stdout.includes('n8n Credits ledger on')) {
        listened = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, listened });
    });
  });
}
