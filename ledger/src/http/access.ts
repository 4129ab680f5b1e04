/**
 * Who may do what: the one table authorization is decided from. The API's auth hook reads `ROUTE_ACCESS` for every
 * request, the OpenAPI document's `x-roles` come from it, and the billing page builds each section only when
 * `PAGE_ACCESS` says the viewer's role may read it. A route missing here cannot be registered (see `accessOf`).
 * The intent is written down in docs/api.md ("Roles"); test/ledger/http/security-matrix.test.ts checks this table
 * against that matrix, so the two cannot drift apart.
 */
import type { Role } from './keys';

const EVERY: readonly Role[] = ['admin', 'member', 'meter'];
const PEOPLE: readonly Role[] = ['admin', 'member'];
const ADMIN: readonly Role[] = ['admin'];

/** Each permission and the roles that hold it. */
export const PERMISSIONS = {
  /** Record usage: events, executions, reservations — what the nodes and the hook do. */
  'usage:record': EVERY,
  /** Price without recording (quote, estimates) and ask whether an execution may start. */
  'pricing:read': EVERY,
  'balance:read': EVERY,
  /** The caller itself, the metrics and the API document. */
  'service:read': EVERY,
  /** Who spent what: reports, entries, an execution's entries; the page's chart, breakdowns and drill-downs. */
  'usage:read': PEOPLE,
  'plan:read': PEOPLE,
  /** Alert settings and deliveries, with the webhook URL masked. */
  'alerts:read': PEOPLE,
  /** The purchase history: packs bought through the payment provider, by whom, with the provider's ids. */
  'purchases:read': PEOPLE,
  /** Sign the billing page in: a meter key only records usage and has nothing to show there. */
  'page:sign-in': PEOPLE,
  /** The webhook URL in full through the API (the page masks it for everyone). */
  'secrets:read': ADMIN,
  'alerts:write': ADMIN,
  'plan:write': ADMIN,
  /** See the packs and buy one. */
  'topups:buy': ADMIN,
  'keys:manage': ADMIN,
  'workspaces:manage': ADMIN,
  'audit:read': ADMIN,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** What a route needs: a permission, or nothing (`public`: health, the page's shell and sign-in). */
export type RouteAccess = Permission | 'public';

/** Every route the server answers, by `METHOD /path` (Fastify's `:param` form). A new route adds one line here. */
export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  // Behind a key unless the operator opens it (`serve --public-metrics`, for a scraper): the route says so itself.
  'GET /metrics': 'service:read',
  // What the API takes and answers is no secret: a client generator needs no key.
  'GET /v1/openapi.json': 'public',
  'GET /v1/whoami': 'service:read',
  // The page answers its sign-in form without a session; what it shows signed in follows PAGE_ACCESS.
  'GET /': 'public',
  'GET /assets/page.css': 'public',
  'GET /assets/page.js': 'public',
  'GET /assets/chart.umd.js': 'public',
  // Sign-in checks the key in the body against `page:sign-in` itself.
  'POST /session': 'public',
  'DELETE /session': 'public',
  'POST /v1/usage': 'usage:record',
  'POST /v1/usage/batch': 'usage:record',
  'POST /v1/executions': 'usage:record',
  'POST /v1/reservations': 'usage:record',
  'GET /v1/reservations/:id': 'usage:record',
  'POST /v1/reservations/:id/settle': 'usage:record',
  'POST /v1/reservations/:id/release': 'usage:record',
  // A Guard parks its execution with the same key it records usage with.
  'POST /v1/parked': 'usage:record',
  'POST /v1/quote': 'pricing:read',
  'POST /v1/estimates': 'pricing:read',
  'GET /v1/admission': 'pricing:read',
  'POST /v1/admission': 'pricing:read',
  'GET /v1/balance': 'balance:read',
  'GET /v1/reports': 'usage:read',
  'GET /v1/entries': 'usage:read',
  'GET /v1/executions/:executionId/entries': 'usage:read',
  'GET /v1/parked': 'usage:read',
  'GET /v1/audit': 'audit:read',
  'GET /v1/topups/packs': 'topups:buy',
  'POST /v1/topups': 'topups:buy',
  'POST /v1/checkout': 'topups:buy',
  'GET /v1/purchases': 'purchases:read',
  // Stripe signs it instead of sending a key (checked by the route against the webhook secret).
  'POST /v1/payments/stripe/webhook': 'public',
  'GET /v1/plan': 'plan:read',
  'PUT /v1/plan': 'plan:write',
  'GET /v1/keys': 'keys:manage',
  'POST /v1/keys': 'keys:manage',
  'DELETE /v1/keys/:id': 'keys:manage',
  'GET /v1/workspaces': 'workspaces:manage',
  // Creating one also needs an instance-wide key (checked by the route: a scope, not a role).
  'POST /v1/workspaces': 'workspaces:manage',
  'GET /v1/alerts': 'alerts:read',
  'PUT /v1/alerts': 'alerts:write',
  'GET /v1/alerts/deliveries': 'alerts:read',
};

/** What each section of the signed-in billing page needs. */
export const PAGE_ACCESS = {
  card: 'balance:read',
  /** The daily chart, the breakdowns and the drill-downs (`?workflow=`, `?nodeType=`, `?execution=`). */
  usage: 'usage:read',
  plan: 'plan:read',
  packs: 'topups:buy',
  alerts: 'alerts:read',
  deliveries: 'alerts:read',
  purchases: 'purchases:read',
} as const satisfies Record<string, Permission>;

export type PageSection = keyof typeof PAGE_ACCESS;

/** Whether `role` holds `permission`. */
export function may(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The roles that may call a route; null for a public one. */
export function rolesOf(access: RouteAccess): readonly Role[] | null {
  return access === 'public' ? null : PERMISSIONS[access];
}

/**
 * The access rule of `METHOD url`. A HEAD request is its GET route's twin. Throws for a route the table lacks:
 * called when a route is registered, so a route without an entry stops the server from starting.
 */
export function accessOf(method: string, url: string): RouteAccess {
  const key = `${method === 'HEAD' ? 'GET' : method} ${url}`;
  const access = ROUTE_ACCESS[key];
  if (access === undefined) throw new Error(`route ${key} has no entry in ROUTE_ACCESS (ledger/src/http/access.ts): say who may call it`);
  return access;
}

/**
 * Whose usage a key may read or record: a member key that names a member only its own (null: the whole workspace).
 * The API's reports and the page's breakdowns both ask here.
 */
export function ownMemberOf(key: { role: Role; memberId: string | null }): string | null {
  return key.role === 'member' && key.memberId ? key.memberId : null;
}

/** A route the operator opened without a key (`serve --public-metrics`), as its own config says; auth and OpenAPI both ask here. */
export function openedByOperator(config: unknown): boolean {
  return (config as { public?: boolean } | undefined)?.public === true;
}
