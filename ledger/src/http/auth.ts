import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accessOf, openedByOperator, rolesOf } from './access';
import { ApiError } from './errors';
import { hashApiKey, type Role } from './keys';
import type { AuthFailureLimit } from './rateLimits';
import type { SessionStore } from './sessions';

/** Who is calling: resolved from a Bearer key or the billing page's session cookie. */
export interface Principal {
  keyId: string;
  /** Null for an instance-wide admin key. */
  workspaceId: string | null;
  role: Role;
  memberId: string | null;
  keyName: string;
  via: 'bearer' | 'session';
}

/** Finds the key stored under a sha256 hash; null when there is none or it was revoked. */
export type KeyLookup = (keyHash: string) => Promise<Omit<Principal, 'via'> | null>;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export const SESSION_COOKIE = 'n8c_session';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Registers the `onRequest` hook that authenticates every non-public route before its body is read, so a request
 * without a valid key gets 401 (429 once its address has failed too often: `failed`) and a role the access table
 * does not name 403, and nothing else happens. Register it before any route: its `onRoute` hook refuses a route
 * the access table lacks.
 */
export function registerAuth(app: FastifyInstance, lookup: KeyLookup, sessions: SessionStore, failed: AuthFailureLimit = async () => undefined): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) accessOf(method, route.url);
  });
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.routeOptions.url;
    // A route the operator opened (`serve --public-metrics`) says so in its config.
    if (url === undefined || openedByOperator(request.routeOptions.config)) return;
    const roles = rolesOf(accessOf(request.method, url));
    if (!roles) return;
    const principal = await authenticate(request, lookup, sessions);
    if (!principal) {
      await failed(request, reply);
      throw new ApiError(401, 'unauthorized', 'a valid API key is required (Authorization: Bearer <key>)');
    }
    if (!roles.includes(principal.role)) {
      throw new ApiError(403, 'forbidden', `this route needs the ${roles.join(' or ')} role; the key has ${principal.role}`);
    }
    request.principal = principal;
  });
}

async function authenticate(request: FastifyRequest, lookup: KeyLookup, sessions: SessionStore): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return null;
    const found = await lookup(hashApiKey(match[1]!));
    return found ? { ...found, via: 'bearer' } : null;
  }
  const session = sessions.get(request.cookies?.[SESSION_COOKIE]);
  if (!session) return null;
  // A cookie rides along on any request to this origin, so writes also need the page's CSRF token.
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.headers[CSRF_HEADER] !== session.csrf) {
    throw new ApiError(403, 'csrf', 'a session request that writes needs the x-csrf-token header');
  }
  const found = await lookup(session.keyHash);
  return found ? { ...found, via: 'session' } : null;
}

/** The principal of an authenticated route (set by the hook); throws if a route forgot to require auth. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('route reached without a principal');
  return request.principal;
}

/**
 * Remembers key lookups for a short time so a busy meter does not read (and stamp `lastUsedAt` on) its
 * key row with every request. A revocation through this process clears it at once; one made by another
 * process (the CLI, a second server) takes effect within `ttlMs`.
 */
export class KeyCache {
  private readonly entries = new Map<string, { value: Omit<Principal, 'via'> | null; expiresAt: number }>();

  constructor(
    private readonly lookup: KeyLookup,
    private readonly ttlMs = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  readonly find: KeyLookup = async (hash) => {
    const hit = this.entries.get(hash);
    if (hit && hit.expiresAt > this.now()) return hit.value;
    const value = await this.lookup(hash);
    // Unknown keys are not remembered: a flood of wrong keys must not grow the map.
    if (value) {
      if (this.entries.size > 10_000) this.entries.clear();
      this.entries.set(hash, { value, expiresAt: this.now() + this.ttlMs });
    } else this.entries.delete(hash);
    return value;
  };

  clear(): void {
    this.entries.clear();
  }
}
