import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../cli/src/io';
import { run } from '../../cli/src/program';

export const REPO = join(__dirname, '..', '..');
export const BASIC = 'test/cli/fixtures/basic';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `n8n-credits` in-process with captured output; `cwd` defaults to the repository root. `terminal` pretends
 * standard output is a terminal with that environment (for colour); by default it is a pipe with none.
 */
export async function cli(args: string[], cwd = REPO, terminal?: Pick<CliIo, 'isTTY' | 'env'>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, ...terminal });
  return { code, stdout, stderr };
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'n8n-credits-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
