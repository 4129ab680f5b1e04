import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ContractRole, RouteContract } from './contract';

/** The app as the routes see it: request and reply types come from the contract's schemas (TypeBox's `Static`). */
export type LedgerApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/**
 * The Fastify options of a contract route: its schema (validation, serialization, the OpenAPI document) and who
 * may call it (read by the auth hook).
 */
export function contractRoute<const R extends RouteContract>(route: R): { config: { public?: boolean; roles?: readonly ContractRole[] }; schema: R['schema'] } {
  return { config: route.public ? { public: true } : { roles: route.roles }, schema: route.schema };
}
