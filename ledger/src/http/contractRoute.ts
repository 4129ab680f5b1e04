import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { RouteContract } from './contract';

/** The app as the routes see it: request and reply types come from the contract's schemas (TypeBox's `Static`). */
export type LedgerApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/**
 * The Fastify options of a contract route: its schema (validation, serialization, the OpenAPI document). Who may
 * call it is not here but in the access table (`access.ts`), which the auth hook reads.
 */
export function contractRoute<const R extends RouteContract>(route: R): { schema: R['schema'] } {
  return { schema: route.schema };
}
