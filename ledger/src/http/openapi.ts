import type { RouteOptions } from 'fastify';

/** What the OpenAPI document needs of one route; collected by an `onRoute` hook from the routes' own schemas. */
export interface RouteDoc {
  method: string;
  url: string;
  schema: Record<string, unknown>;
  public: boolean;
  roles?: readonly string[];
}

/** Records a route (called from `onRoute`); HEAD twins and routes hidden from the document are skipped. */
export function collectRoute(routes: RouteDoc[], route: RouteOptions): void {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  if (schema.hide === true) return;
  const config = (route.config ?? {}) as { public?: boolean; roles?: readonly string[] };
  for (const method of methods) {
    if (method === 'HEAD') continue;
    routes.push({ method: method.toLowerCase(), url: route.url, schema, public: config.public === true, roles: config.roles });
  }
}

/** The OpenAPI 3.1 document built from the collected route schemas (JSON Schema is used as is: 3.1 is 2020-12). */
export function buildOpenApi(routes: RouteDoc[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const s = route.schema;
    const op: Record<string, unknown> = {
      operationId: operationId(route.method, route.url),
      summary: s.summary ?? undefined,
      description: s.description ?? undefined,
      tags: s.tags ?? undefined,
      parameters: [...parameters(s.params, 'path'), ...parameters(s.querystring, 'query')],
      responses: responses(s.response),
    };
    if (route.roles) op['x-roles'] = route.roles;
    if (route.public) op.security = [];
    if (s.body) op.requestBody = { required: true, content: { 'application/json': { schema: s.body } } };
    if ((op.parameters as unknown[]).length === 0) delete op.parameters;
    for (const k of Object.keys(op)) if (op[k] === undefined) delete op[k];
    (paths[path] ??= {})[route.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'n8n Credits ledger',
      version,
      description: 'Credit metering for n8n: usage events, executions, reservations, balance, reports, top-ups, plans and keys. Amounts are integer millicredits (1 credit = 1000).',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key (role admin, member or meter).' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } },
            },
          },
        },
      },
    },
    paths,
  };
}

function operationId(method: string, url: string): string {
  const words = url.split('/').filter((w) => w && w !== 'v1').map((w) => (w.startsWith(':') ? 'by-' + w.slice(1) : w));
  return [method, ...words].join('-').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));
}

function parameters(schema: unknown, where: 'path' | 'query'): unknown[] {
  const s = schema as { properties?: Record<string, unknown>; required?: string[] } | undefined;
  if (!s?.properties) return [];
  return Object.entries(s.properties).map(([name, sub]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: sub,
  }));
}

function responses(schema: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const byStatus = (schema ?? {}) as Record<string, unknown>;
  for (const [status, body] of Object.entries(byStatus)) {
    const b = body as { description?: string; content?: unknown };
    if (b && typeof b === 'object' && 'content' in b) out[status] = { description: b.description ?? status, content: b.content };
    else out[status] = { description: (b as { description?: string })?.description ?? 'OK', content: { 'application/json': { schema: body } } };
  }
  if (Object.keys(out).length === 0) out['200'] = { description: 'OK' };
  out['4XX'] = { description: 'An error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  return out;
}

declare module 'fastify' {
  interface FastifySchema {
    /** OpenAPI grouping, summary and description of the route. */
    tags?: readonly string[];
    summary?: string;
    description?: string;
    /** Leave the route out of the OpenAPI document (the page and its assets). */
    hide?: boolean;
    /** `[]` for a route that needs no key. */
    security?: readonly unknown[];
  }
}
