import type { AppContext } from '../context';
import type { LedgerOk } from '../contract';
import { getHealthz, getMetrics, getOpenApi, getReadyz } from '../contract/system';
import { contractRoute, type LedgerApp } from '../contractRoute';

/** Health, readiness, Prometheus metrics and the OpenAPI document. */
export function systemRoutes(app: LedgerApp, ctx: AppContext): void {
  app.get(getHealthz.url, contractRoute(getHealthz), async () => ({ status: 'ok' as const, version: ctx.version }));

  app.get(getReadyz.url, contractRoute(getReadyz), async (_request, reply) => {
    if (ctx.draining.value) return reply.status(503).send({ status: 'draining' });
    try {
      await ctx.store.getWorkspace('__readiness__');
      return reply.send({ status: 'ready' });
    } catch (err) {
      return reply.status(503).send({ status: 'database-unavailable', message: (err as Error).message });
    }
  });

  app.get(getMetrics.url, contractRoute(getMetrics), async (_request, reply) => reply.type(ctx.metrics.contentType).send(await ctx.metrics.render()));

  // Built by @fastify/swagger from the contract schemas the routes registered with (it keeps the document). Its
  // OpenAPI interfaces have no index signatures, so they are cast to the contract's open objects.
  app.get(getOpenApi.url, contractRoute(getOpenApi), async () => app.swagger() as unknown as LedgerOk<'GET /v1/openapi.json'>);
}
