import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Gives n8n-core a private, throwaway user folder before anything reads it: `InstanceSettings`
 * writes `.n8n/config` (an encryption key) there on first use, and tests must never touch a
 * real `~/.n8n`. A folder made here is removed when the process exits; one set by the caller
 * (`N8N_USER_FOLDER`) is used as is. Imported for its side effect first thing in `index.ts`.
 */
export function prepareEngineEnvironment(): string {
  if (process.env.N8N_USER_FOLDER === undefined || process.env.N8N_USER_FOLDER === '') {
    const folder = mkdtempSync(join(tmpdir(), 'n8n-engine-'));
    process.env.N8N_USER_FOLDER = folder;
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  }
  // n8n's default log level prints every node run; tests want quiet output unless asked.
  process.env.N8N_LOG_LEVEL ??= 'silent';
  return process.env.N8N_USER_FOLDER;
}

prepareEngineEnvironment();
