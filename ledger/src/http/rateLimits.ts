import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { ApiError } from './errors';

/** Requests per minute, counted in this process (several `serve` processes each count their own); 0 turns one off. */
export interface RateLimits {
  /** Per admin or member key; the billing page's session counts as the key it signed in with. */
  perKey: number;
  /**
   * Per meter key. Off by default: the hook and the nodes post every execution, bursts are normal (queue-mode
   * workers), and a refused charge is only spooled and sent again, which costs more than it saves.
   */
  perMeterKey: number;
  /** Failed authentications (a missing, wrong or revoked key) per client address. */
  authFailures: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perKey: 6000, perMeterKey: 0, authFailures: 30 };

// Counts live in the plugin's in-memory store, which remembers the 5,000 most recently seen addresses or keys per limit.
const WINDOW_MS = 60_000;

/** Called before a request is refused for failed authentication: throws a 429 instead once its address is over the limit. */
export type AuthFailureLimit = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

async function refuseWhenOver(limiter: Limiter | null, request: FastifyRequest, reply: FastifyReply, what: string): Promise<void> {
  if (!limiter) return;
  const result = await limiter(request);
  if (result.isAllowed || !result.isExceeded) return;
  reply.header('retry-after', String(result.ttlInSeconds));
  throw new ApiError(429, 'rate_limited', `more than ${result.max} ${what} in a minute: retry in ${result.ttlInSeconds} s`, undefined, { limit: result.max });
}

/**
 * Registers `@fastify/rate-limit` (no route limited by itself) and returns the two checks the app wires in: the
 * failed-authentication limit per client address, called by the auth hook and the sign-in before they answer 401, and
 * the per-key hook, added after the auth hook so the key is known. A valid key is never refused by the address limit:
 * a shared address (NAT, a proxy) must not lock its real clients out because another client there sends bad keys.
 */
export async function registerRateLimits(app: FastifyInstance, limits: RateLimits): Promise<{ authFailed: AuthFailureLimit; perKey: onRequestAsyncHookHandler }> {
  await app.register(fastifyRateLimit, { global: false });
  const limiter = (max: number, byKey: boolean): Limiter | null =>
    max > 0 ? app.createRateLimit({ max, timeWindow: WINDOW_MS, ...(byKey ? { keyGenerator: (r: FastifyRequest) => `key:${r.principal?.keyId}` } : {}) }) : null;
  const failures = limiter(limits.authFailures, false);
  const keys = limiter(limits.perKey, true);
  const meterKeys = limiter(limits.perMeterKey, true);
  return {
    authFailed: (request, reply) => refuseWhenOver(failures, request, reply, 'failed authentications from this address'),
    perKey: async (request, reply) => {
      const principal = request.principal;
      if (principal) await refuseWhenOver(principal.role === 'meter' ? meterKeys : keys, request, reply, 'requests with this key');
    },
  };
}
