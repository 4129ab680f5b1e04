import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { buildOpenApi } from '../openapi';
import { okObject } from '../schemas';

/** Health, readiness, Prometheus metrics and the OpenAPI document. */
export function systemRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', {
    config: { public: true },
    schema: { tags: ['system'], summary: 'Liveness (no key needed)', response: { 200: okObject('Alive') } },
  }, async () => ({ status: 'ok', version: ctx.version }));

  app.get('/readyz', {
    config: { public: true },
    schema: { tags: ['system'], summary: 'Readiness: the database answers and the process is not draining (no key needed)', response: { 200: okObject('Ready'), 503: okObject('Not ready') } },
  }, async (_request, reply) => {
    if (ctx.draining.value) return reply.status(503).send({ status: 'draining' });
    try {
      await ctx.store.getWorkspace('__readiness__');
      return reply.send({ status: 'ready' });
    } catch (err) {
      return reply.status(503).send({ status: 'database-unavailable', message: (err as Error).message });
    }
  });

  app.get('/metrics', {
    config: { roles: ['admin', 'member', 'meter'] },
    schema: { tags: ['system'], summary: 'Prometheus metrics (text format 0.0.4)' },
  }, async (_request, reply) => reply.type('text/plain; version=0.0.4; charset=utf-8').send(ctx.metrics.render()));

  let doc: Record<string, unknown> | null = null;
  app.get('/v1/openapi.json', {
    config: { roles: ['admin', 'member', 'meter'] },
    schema: { tags: ['system'], summary: 'This document (OpenAPI 3.1)' },
  }, async (_request, reply) => {
    doc ??= buildOpenApi(ctx.routes, ctx.version);
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(doc));
  });
}
