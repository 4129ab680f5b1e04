import { homedir } from 'node:os';
import { join } from 'node:path';

/** The hook's settings, read from the environment of the n8n process. */
export interface HookConfig {
  /** Base URL of the ledger (`http://127.0.0.1:5680`), without a trailing slash. */
  url: string;
  apiKey: string;
  /** `?workspaceId=` for an instance-wide key; null for a workspace key. */
  workspace: string | null;
  /** Folder where records wait while the ledger is unreachable. */
  spoolDir: string;
  /** Admission answers are reused this long (ms); 0 asks the ledger before every execution. */
  gateCacheMs: number;
  /** How long the admission check waits for the ledger before letting the execution run (ms). */
  gateTimeoutMs: number;
  /** How long one delivery waits for the ledger (ms). */
  sendTimeoutMs: number;
  /** First retry delay; it doubles up to `retryMaxMs`. */
  retryInitialMs: number;
  retryMaxMs: number;
  /** Deliveries a record gets when the ledger fails on it (500s, no answer in time) before it goes to `dead/`. */
  maxAttempts: number;
  /** False when `N8N_CREDITS_GATE=off`: meter only, never refuse. */
  gate: boolean;
}

export type HookConfigResult = { ok: true; config: HookConfig } | { ok: false; reason: string };

/** Reads an integer setting (≥ `min`); a bad value is a configuration error, not a silent default. */
function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[], what = 'a whole number of milliseconds', min = 0): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) < min) {
    problems.push(`${name}="${text}" is not ${what}`);
    return fallback;
  }
  return Number(text);
}

/**
 * The hook's spool folder: `N8N_CREDITS_SPOOL_DIR`, else `.n8n/n8n-credits-spool` in n8n's user folder
 * (`N8N_USER_FOLDER`, else the home folder). The one place this rule lives: `n8n-credits spool` uses it too.
 */
export function spoolDirOf(env: NodeJS.ProcessEnv): string {
  return env.N8N_CREDITS_SPOOL_DIR?.trim() || join(env.N8N_USER_FOLDER?.trim() || homedir(), '.n8n', 'n8n-credits-spool');
}

/** The default of `N8N_CREDITS_MAX_ATTEMPTS`: with the default backoff, a record that keeps failing dies after about 3 minutes. */
export const DEFAULT_MAX_ATTEMPTS = 10;

/**
 * Reads the hook's configuration from environment variables (`N8N_CREDITS_URL`, `N8N_CREDITS_API_KEY`,
 * `N8N_CREDITS_WORKSPACE`, `N8N_CREDITS_SPOOL_DIR`, …). Returns why metering is off instead of throwing:
 * a bad setting must never stop n8n from starting.
 */
export function readHookConfig(env: NodeJS.ProcessEnv): HookConfigResult {
  const problems: string[] = [];
  const rawUrl = env.N8N_CREDITS_URL?.trim();
  const apiKey = env.N8N_CREDITS_API_KEY?.trim();
  if (!rawUrl) problems.push('N8N_CREDITS_URL is not set (the ledger address, e.g. http://127.0.0.1:5680)');
  if (!apiKey) problems.push('N8N_CREDITS_API_KEY is not set (a ledger API key with the meter role)');
  let url = '';
  if (rawUrl) {
    try {
      const parsed = new URL(rawUrl);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') problems.push(`N8N_CREDITS_URL="${rawUrl}" is not an http(s) URL`);
      url = rawUrl.replace(/\/+$/, '');
    } catch {
      problems.push(`N8N_CREDITS_URL="${rawUrl}" is not a URL`);
    }
  }
  const gateSetting = (env.N8N_CREDITS_GATE ?? 'on').trim().toLowerCase();
  if (!['on', 'off'].includes(gateSetting)) problems.push(`N8N_CREDITS_GATE="${env.N8N_CREDITS_GATE}" must be "on" or "off"`);
  const config: HookConfig = {
    url,
    apiKey: apiKey ?? '',
    workspace: env.N8N_CREDITS_WORKSPACE?.trim() || null,
    spoolDir: spoolDirOf(env),
    gateCacheMs: intSetting(env, 'N8N_CREDITS_GATE_CACHE_MS', 1000, problems),
    gateTimeoutMs: intSetting(env, 'N8N_CREDITS_GATE_TIMEOUT_MS', 1500, problems),
    sendTimeoutMs: intSetting(env, 'N8N_CREDITS_TIMEOUT_MS', 10000, problems),
    retryInitialMs: intSetting(env, 'N8N_CREDITS_RETRY_MS', 500, problems),
    retryMaxMs: intSetting(env, 'N8N_CREDITS_RETRY_MAX_MS', 60000, problems),
    maxAttempts: intSetting(env, 'N8N_CREDITS_MAX_ATTEMPTS', DEFAULT_MAX_ATTEMPTS, problems, 'a whole number of attempts ≥ 1', 1),
    gate: gateSetting !== 'off',
  };
  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  return { ok: true, config };
}
