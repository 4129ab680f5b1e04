import type { SwaggerOptions } from '@fastify/swagger';
import type { RouteOptions } from 'fastify';
import { accessOf, openedByOperator, rolesOf } from './access';

/** What the security tests and the fuzzers need of one documented route; collected by an `onRoute` hook. */
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
  for (const method of methods) {
    if (method === 'HEAD') continue;
    const roles = openedByOperator(route.config) ? null : rolesOf(accessOf(method, route.url));
    routes.push({ method: method.toLowerCase(), url: route.url, schema, public: roles === null, roles: roles ?? undefined });
  }
}

/**
 * `@fastify/swagger`'s options: an OpenAPI 3.1 document (JSON Schema is used as is: 3.1 is 2020-12) built from the
 * routes' contract schemas, each operation with a stable id, its roles (`x-roles`, from the access table) and, on a
 * public route, no key.
 */
export function swaggerOptions(version: string): SwaggerOptions {
  return {
    openapi: {
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
      },
    },
    transform: ({ schema, url, route }) => {
      const method = (Array.isArray(route.method) ? route.method[0] : route.method) as string;
      const documented: Record<string, unknown> = { ...schema, operationId: operationId(method, url) };
      const roles = openedByOperator((route as RouteOptions).config) ? null : rolesOf(accessOf(method, url));
      if (roles) documented['x-roles'] = roles;
      else documented.security = [];
      return { schema: documented, url };
    },
  };
}

/** `DELETE /v1/keys/:id` → `deleteKeysById`: the operation id clients generated from the document see. */
export function operationId(method: string, url: string): string {
  const words = url.split('/').filter((w) => w && w !== 'v1').map((w) => (w.startsWith(':') ? 'by-' + w.slice(1) : w));
  return [method.toLowerCase(), ...words].join('-').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));
}
