import type { AppContext } from '../context';
import type { LedgerOk } from '../contract';
import { getHealthz, getMetrics, getOpenApi, getReadyz } from '../contract/system';
import { contractRoute, type LedgerApp } from '../contractRoute';

/** Health, readiness, Prometheus metrics and the OpenAPI document (public). */
export function systemRoutes(app: LedgerApp, ctx: AppContext, options: { publicMetrics?: boolean } = {}): void {
  app.get(getHealthz.url, contractRoute(getHealthz), async () => ({ status: 'ok' as const, version: ctx.version }));

  // Ready means the ledger can record charges, not only read: a read-only database answers reads but refuses every
  // write. The write probe takes the write lock, so a flood of probes shares one result per second.
  let probe: { at: number; done: Promise<void> } | null = null;
  const checkWritable = () => {
    if (!probe || Date.now() - probe.at >= 1000) probe = { at: Date.now(), done: ctx.store.checkWritable() };
    return probe.done;
  };
  app.get(getReadyz.url, contractRoute(getReadyz), async (_request, reply) => {
    if (ctx.draining.value) return reply.status(503).send({ status: 'draining' });
    try {
      await ctx.store.getWorkspace('__readiness__');
    } catch (err) {
      return reply.status(503).send({ status: 'database-unavailable', message: (err as Error).message });
    }
    try {
      await checkWritable();
      return reply.send({ status: 'ready' });
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      return reply.status(503).send({ status: 'database-read-only', message: `the database cannot be written${code ? ` (${String(code)})` : ''}: ${(err as Error).message}` });
    }
  });

  // Behind a key by default (request counts say how the ledger is used); `--public-metrics` lets a scraper in without one.
  const metricsRoute = { ...contractRoute(getMetrics), ...(options.publicMetrics ? { config: { public: true } } : {}) };
  app.get(getMetrics.url, metricsRoute, async (_request, reply) => reply.type(ctx.metrics.contentType).send(await ctx.metrics.render()));

  // Built by @fastify/swagger from the contract schemas the routes registered with (it keeps the document). Its
  // OpenAPI interfaces have no index signatures, so they are cast to the contract's open objects.
  app.get(getOpenApi.url, contractRoute(getOpenApi), async () => app.swagger() as unknown as LedgerOk<'GET /v1/openapi.json'>);
}
