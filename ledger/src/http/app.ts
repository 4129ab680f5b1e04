import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServerOptions } from 'node:http';
import type { AlertService } from '../alerts/alertService';
import type { Resumer } from '../resume/resumer';
import type { LedgerStore } from '../store/types';
import { WorkflowAnalyzer } from './analysis/analyzer';
import { DEFAULT_ANALYSIS_LIMITS, type AnalysisLimits } from './analysis/limits';
import { KeyCache, registerAuth, type KeyLookup } from './auth';
import type { AppContext } from './context';
import { handleError, handleNotFound } from './errors';
import { Metrics } from './metrics';
import { collectRoute, swaggerOptions, type RouteDoc } from './openapi';
import { adminRoutes } from './routes/admin';
import { admissionRoutes } from './routes/admission';
import { executionRoutes } from './routes/executions';
import { parkedRoutes } from './routes/parked';
import { pageRoutes } from './routes/page';
import { paymentRoutes } from './routes/payments';
import { registerRateLimits, type RateLimits } from './rateLimits';
import { pricingRoutes } from './routes/pricing';
import { reportRoutes } from './routes/reports';
import { reservationRoutes } from './routes/reservations';
import { settingsRoutes } from './routes/settings';
import { systemRoutes } from './routes/system';
import { usageRoutes } from './routes/usage';
import { SessionStore } from './sessions';

export interface AppOptions {
  store: LedgerStore;
  /** Largest accepted request body in bytes (413 above it); default 4 MiB. */
  bodyLimit?: number;
  logger?: FastifyServerOptions['logger'];
  version?: string;
  sessions?: SessionStore;
  metrics?: Metrics;
  /** How long a key lookup is remembered (ms); 0 looks every request up. Default 2000. */
  keyCacheMs?: number;
  /** Evaluates alerts after each write; none: alerts are not evaluated by this app. */
  alerts?: AlertService;
  /** Resumes parked executions after writes; none: this app does not resume them. */
  resumer?: Resumer;
  /** Serve `/metrics` without a key (for a Prometheus scraper); default false. */
  publicMetrics?: boolean;
  /** Top-ups paid through a provider (Stripe Checkout); none: "Buy" becomes an admin grant. */
  payments?: AppContext['payments'];
  /** Bounds on workflow analysis (estimates, admission); `DEFAULT_ANALYSIS_LIMITS` for what is not given. */
  analysis?: Partial<AnalysisLimits>;
  /** Per-key and failed-authentication limits (requests per minute); none when absent (`serve` sets its defaults). */
  rateLimits?: RateLimits;
  /** Proxies whose X-Forwarded-For/-Proto are believed (fastify's `trustProxy`): true, or addresses/CIDRs; default none. */
  trustProxy?: boolean | string;
  /** Server timeouts (ms, 0 for none); Node's defaults when absent. */
  timeouts?: ServerTimeouts;
}

export interface ServerTimeouts {
  /** Receiving the whole request, headers and body: a body sent slowly is cut off with 408. */
  requestMs: number;
  /** Receiving the headers. */
  headersMs: number;
  /** A socket with no traffic is closed. */
  idleMs: number;
}

export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;

/** Builds the ledger's fastify app (not listening). The caller owns the store and closes it after `app.close()`. */
export async function buildApp(options: AppOptions): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Validate bodies as sent: no coercion of "12" into 12, no silent removal of unknown fields.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allowUnionTypes: true } },
    return503OnClosing: true,
    // A malformed or too long URL answers in our error shape too, not fastify's own.
    frameworkErrors: (err, request, reply) => handleError(err, request, reply),
    forceCloseConnections: 'idle',
    trustProxy: options.trustProxy ?? false,
    ...(options.timeouts && serverTimeouts(options.timeouts)),
  });
  const routes: RouteDoc[] = [];
  const limits = await registerRateLimits(app, options.rateLimits ?? { perKey: 0, perMeterKey: 0, authFailures: 0 });
  const ctx: AppContext = {
    store: options.store,
    metrics: options.metrics ?? new Metrics(),
    sessions: options.sessions ?? new SessionStore(),
    routes,
    version: options.version ?? '0.1.0',
    draining: { value: false },
    keyCache: null,
    alerts: options.alerts ?? null,
    resumer: options.resumer ?? null,
    payments: options.payments ?? null,
    analyzer: new WorkflowAnalyzer(analysisLimits(options)),
    authFailed: limits.authFailed,
  };
  app.addHook('onClose', () => ctx.analyzer.close());
  app.addHook('onRoute', (route) => collectRoute(routes, route));
  // An empty JSON body (a client that always sends the header) is no body: routes that need one say so by schema.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    jsonParser(request, text, done);
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  await app.register(fastifyCookie);
  // Before any route: swagger collects each route's contract schema as it is added.
  await app.register(fastifySwagger, swaggerOptions(ctx.version));

  const lookup: KeyLookup = async (hash) => {
    const record = await ctx.store.findApiKeyByHash(hash);
    if (!record || record.revokedAt) return null;
    return { keyId: record.id, workspaceId: record.workspaceId, role: record.role, memberId: record.memberId, keyName: record.name };
  };
  const keys = new KeyCache(lookup, options.keyCacheMs ?? 2000);
  ctx.keyCache = keys;
  registerAuth(app, keys.find, ctx.sessions, limits.authFailed);
  // After the auth hook: the key is known.
  app.addHook('onRequest', limits.perKey);
  // Browsers must take JSON and CSV for what they are declared to be, never sniff them into HTML or script.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    ctx.metrics.observeRequest({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    // A write may cross an alert (a refused charge too: the daily limit). Evaluated after the answer, never awaited.
    const workspaceId = request.principal?.workspaceId ?? (request.query as { workspaceId?: unknown } | undefined)?.workspaceId;
    if (request.method !== 'GET' && request.principal && typeof workspaceId === 'string' && reply.statusCode < 500) {
      ctx.alerts?.touch(workspaceId);
      // Credits may have arrived (a top-up, a grant, a plan change): parked executions they cover resume.
      ctx.resumer?.touch(workspaceId);
    }
  });

  // Request and reply types come from the contract's schemas.
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  systemRoutes(api, ctx, { publicMetrics: options.publicMetrics });
  pageRoutes(api, ctx);
  usageRoutes(api, ctx);
  executionRoutes(api, ctx);
  reservationRoutes(api, ctx);
  reportRoutes(api, ctx);
  adminRoutes(api, ctx);
  settingsRoutes(api, ctx);
  pricingRoutes(api, ctx);
  admissionRoutes(api, ctx);
  parkedRoutes(api, ctx);
  paymentRoutes(api, ctx);
  await app.ready();
  return { app, ctx };
}

/** The analysis limits: the defaults, then the options; an analysis body is never allowed more than any body. */
function analysisLimits(options: AppOptions): AnalysisLimits {
  const limits = { ...DEFAULT_ANALYSIS_LIMITS, ...options.analysis };
  return { ...limits, maxBytes: Math.min(limits.maxBytes, options.bodyLimit ?? DEFAULT_BODY_LIMIT) };
}

/** Fastify's and Node's names for the timeouts. Node checks them every `connectionsCheckingInterval`, so that follows the shortest. */
function serverTimeouts(t: ServerTimeouts): { requestTimeout: number; connectionTimeout: number; http: ServerOptions } {
  const shortest = Math.min(...[t.requestMs, t.headersMs].filter((ms) => ms > 0), 30_000);
  return { requestTimeout: t.requestMs, connectionTimeout: t.idleMs, http: { headersTimeout: t.headersMs, connectionsCheckingInterval: Math.max(100, Math.floor(shortest / 4)) } };
}
