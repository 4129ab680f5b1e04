import { resolve } from 'node:path';
import { resolveBillingConfig, type BillingConfig, type BillingFlags } from './billingConfig';
import { ConfigError, integer } from './configValues';
import { resolveHttpLimits, type HttpLimitsConfig, type HttpLimitsFlags } from './httpConfig';

export { ConfigError } from './configValues';

/** How `n8n-credits serve` runs: from flags, then environment variables, then defaults. */
export interface ServiceConfig {
  host: string;
  port: number;
  /** SQLite folder (used when `databaseUrl` is null). */
  dataDir: string;
  /** A `postgres://` URL, or null for the embedded SQLite store. */
  databaseUrl: string | null;
  bodyLimit: number;
  /** Seed a demo workspace's usage by pricing the example workflows (only into an empty ledger). */
  demo: boolean;
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /** `smtp://host:port` (or `smtps://user:pass@host`) alert e-mails are sent through; null for no e-mail. */
  smtpUrl: string | null;
  /** The From of alert e-mails. */
  smtpFrom: string;
  /** Serve `/metrics` without a key. */
  publicMetrics: boolean;
  /** Stripe Checkout, the public URL and the background usage export (see billingConfig.ts). */
  billing?: BillingConfig;
  /** Trusted proxies, timeouts, rate limits and analysis bounds (./httpConfig.ts). */
  http: HttpLimitsConfig;
}

export interface ServiceFlags extends BillingFlags, HttpLimitsFlags {
  host?: string;
  port?: string | number;
  dataDir?: string;
  database?: string;
  bodyLimit?: string | number;
  demo?: boolean;
  logLevel?: string;
  smtpUrl?: string;
  smtpFrom?: string;
  publicMetrics?: boolean;
}

export const DEFAULT_PORT = 5680;
export const DEFAULT_DATA_DIR = '.n8n-credits-data';
export const DEFAULT_SMTP_FROM = 'n8n Credits <n8n-credits@localhost>';

/** An on/off variable: `true`/`1` or `false`/`0` (or unset); anything else is a mistake worth saying. */
function flag(setting: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new ConfigError(setting, `expected true or false, got "${value}"`);
}

/**
 * Resolves the service configuration. Environment: `N8N_CREDITS_DATABASE_URL`, `N8N_CREDITS_HOST`,
 * `N8N_CREDITS_PORT`, `N8N_CREDITS_DATA_DIR`, `N8N_CREDITS_BODY_LIMIT`, `N8N_CREDITS_LOG_LEVEL`, `N8N_CREDITS_SMTP_URL`,
 * `N8N_CREDITS_SMTP_FROM`, `N8N_CREDITS_PUBLIC_METRICS` (`true`), and those of billing (./billingConfig.ts) and of
 * the limits (./httpConfig.ts).
 */
export function resolveConfig(flags: ServiceFlags, env: Record<string, string | undefined>, cwd: string): ServiceConfig {
  const databaseUrl = flags.database ?? env.N8N_CREDITS_DATABASE_URL ?? null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(flags.database !== undefined ? '--database' : 'N8N_CREDITS_DATABASE_URL', 'expected a postgres:// or postgresql:// URL');
  }
  const logLevel = flags.logLevel ?? env.N8N_CREDITS_LOG_LEVEL ?? 'info';
  if (!['silent', 'error', 'warn', 'info', 'debug'].includes(logLevel)) throw new ConfigError('--log-level', `unknown level "${logLevel}"`);
  const smtpUrl = flags.smtpUrl ?? env.N8N_CREDITS_SMTP_URL ?? null;
  if (smtpUrl !== null && !/^smtps?:\/\/[^/\s]+/.test(smtpUrl)) {
    throw new ConfigError(flags.smtpUrl !== undefined ? '--smtp-url' : 'N8N_CREDITS_SMTP_URL', 'expected an smtp://host:port or smtps://host:port URL');
  }
  const smtpFrom = flags.smtpFrom ?? env.N8N_CREDITS_SMTP_FROM ?? DEFAULT_SMTP_FROM;
  if (!/^[^@\s<>]+@[^@\s<>]+$|<[^@\s<>]+@[^@\s<>]+>$/.test(smtpFrom.trim())) {
    throw new ConfigError(flags.smtpFrom !== undefined ? '--smtp-from' : 'N8N_CREDITS_SMTP_FROM', `expected an e-mail address ("alerts@example.com" or "Name <alerts@example.com>"), got "${smtpFrom}"`);
  }
  return {
    host: flags.host ?? env.N8N_CREDITS_HOST ?? '127.0.0.1',
    port: integer('--port', flags.port ?? env.N8N_CREDITS_PORT ?? DEFAULT_PORT, 0, 65535),
    dataDir: resolve(cwd, flags.dataDir ?? env.N8N_CREDITS_DATA_DIR ?? DEFAULT_DATA_DIR),
    databaseUrl,
    bodyLimit: integer('--body-limit', flags.bodyLimit ?? env.N8N_CREDITS_BODY_LIMIT ?? 4 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    demo: flags.demo ?? false,
    logLevel: logLevel as ServiceConfig['logLevel'],
    smtpUrl,
    smtpFrom: smtpFrom.trim(),
    publicMetrics: flags.publicMetrics ?? flag('N8N_CREDITS_PUBLIC_METRICS', env.N8N_CREDITS_PUBLIC_METRICS),
    billing: resolveBillingConfig(flags, env, (setting, message) => {
      throw new ConfigError(setting, message);
    }),
    http: resolveHttpLimits(flags, env),
  };
}

/** The database URL with its password hidden, for log lines. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}
