import { isIP } from 'node:net';
import { DEFAULT_ANALYSIS_LIMITS, type AnalysisLimits } from '../http/analysis/limits';
import type { ServerTimeouts } from '../http/app';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../http/rateLimits';
import { ConfigError, envName, integerSetting } from './configValues';

/** How `serve` defends itself: proxies it trusts, timeouts, rate limits and bounds on workflow analysis. */
export interface HttpLimitsConfig {
  trustProxy: boolean | string;
  timeouts: ServerTimeouts;
  rateLimits: RateLimits;
  analysis: AnalysisLimits;
}

export interface HttpLimitsFlags {
  trustProxy?: string;
  requestTimeout?: string | number;
  headersTimeout?: string | number;
  idleTimeout?: string | number;
  rateLimit?: string | number;
  meterRateLimit?: string | number;
  authFailureLimit?: string | number;
  analysisMaxNodes?: string | number;
  analysisMaxConnections?: string | number;
  analysisBodyLimit?: string | number;
  analysisTimeout?: string | number;
  analysisWorkers?: string | number;
}

/** A slow body is cut off after a minute; headers must arrive within 10 s; a silent socket is closed after 2 minutes. */
export const DEFAULT_TIMEOUTS: ServerTimeouts = { requestMs: 60_000, headersMs: 10_000, idleMs: 120_000 };

/**
 * Resolves the limits from flags, then their `N8N_CREDITS_*` variables (`--rate-limit` is `N8N_CREDITS_RATE_LIMIT`),
 * then the defaults.
 */
export function resolveHttpLimits(flags: HttpLimitsFlags, env: Record<string, string | undefined>): HttpLimitsConfig {
  const n = (flag: string, value: string | number | undefined, fallback: number, min: number, max: number) => integerSetting(flag, value, env, fallback, min, max);
  const day = 86_400_000;
  const timeouts = {
    requestMs: n('request-timeout', flags.requestTimeout, DEFAULT_TIMEOUTS.requestMs, 0, day),
    headersMs: n('headers-timeout', flags.headersTimeout, DEFAULT_TIMEOUTS.headersMs, 0, day),
    idleMs: n('idle-timeout', flags.idleTimeout, DEFAULT_TIMEOUTS.idleMs, 0, day),
  };
  // Node refuses a headers timeout longer than the whole request's.
  if (timeouts.requestMs > 0 && (timeouts.headersMs === 0 || timeouts.headersMs > timeouts.requestMs)) timeouts.headersMs = timeouts.requestMs;
  const many = 1_000_000_000;
  const proxies = flags.trustProxy ?? env[envName('trust-proxy')];
  return {
    trustProxy: trustProxy(proxies, flags.trustProxy !== undefined ? '--trust-proxy' : envName('trust-proxy')),
    timeouts,
    rateLimits: {
      perKey: n('rate-limit', flags.rateLimit, DEFAULT_RATE_LIMITS.perKey, 0, many),
      perMeterKey: n('meter-rate-limit', flags.meterRateLimit, DEFAULT_RATE_LIMITS.perMeterKey, 0, many),
      authFailures: n('auth-failure-limit', flags.authFailureLimit, DEFAULT_RATE_LIMITS.authFailures, 0, many),
    },
    analysis: {
      // 5,000 is the contract's own cap on a workflow's nodes.
      maxNodes: n('analysis-max-nodes', flags.analysisMaxNodes, DEFAULT_ANALYSIS_LIMITS.maxNodes, 1, 5000),
      maxConnections: n('analysis-max-connections', flags.analysisMaxConnections, DEFAULT_ANALYSIS_LIMITS.maxConnections, 1, many),
      maxBytes: n('analysis-body-limit', flags.analysisBodyLimit, DEFAULT_ANALYSIS_LIMITS.maxBytes, 1024, 256 * 1024 * 1024),
      timeBudgetMs: n('analysis-timeout', flags.analysisTimeout, DEFAULT_ANALYSIS_LIMITS.timeBudgetMs, 10, 600_000),
      workers: n('analysis-workers', flags.analysisWorkers, DEFAULT_ANALYSIS_LIMITS.workers, 0, 64),
    },
  };
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** `true`, `false`, or a comma-separated list of proxy addresses, CIDR ranges and proxy-addr's names (`loopback`). */
function trustProxy(value: string | undefined, setting: string): boolean | string {
  if (value === undefined || value.trim() === '' || value.trim() === 'false') return false;
  if (value.trim() === 'true') return true;
  const items = value.split(',').map((item) => item.trim());
  for (const item of items) {
    const [address, bits, extra] = item.split('/');
    const family = isIP(address ?? '');
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!PROXY_NAMES.includes(item) && (family === 0 || !bitsOk || extra !== undefined)) {
      throw new ConfigError(setting, `expected true, false, or proxy addresses (127.0.0.1, 10.0.0.0/8, loopback), got "${item}"`);
    }
  }
  return items.join(',');
}
