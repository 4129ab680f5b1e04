/**
 * The contract's static types, for the server and every client: what a route takes and answers, by its
 * `METHOD /path` key. Types only: importing this module costs a client nothing at run time.
 */
import type { Static } from 'typebox';
import type { LedgerContract } from './index';
import type { chargeOutcome, usageEvent } from './usage';
import type { balanceCard, ledgerEntry, usageReport } from './reports';
import type { admission } from './admission';
import type { pricedExecution } from './executions';
import type { reservation } from './reservations';
import type { estimate, quote } from './pricing';
import type { errorBody } from './route';

/** `'POST /v1/usage'`, `'GET /v1/reservations/:id'`, … */
export type LedgerRouteKey = keyof LedgerContract;
export type LedgerMethod = LedgerContract[LedgerRouteKey]['method'];
type SchemaOf<K extends LedgerRouteKey> = LedgerContract[K]['schema'];
type Responses<K extends LedgerRouteKey> = SchemaOf<K>['response'];

/** A response's JSON schema: its `application/json` content when it lists media types, else the schema itself. */
type JsonSchemaOf<S> = S extends { content: infer C }
  ? ('application/json' extends keyof C ? C['application/json'] : C[keyof C]) extends { schema: infer J extends object } ? J : never
  : S extends object ? S : never;

/** The body a route answers with one status (`LedgerReply<'POST /v1/usage', 402>`). */
export type LedgerReply<K extends LedgerRouteKey, Status extends keyof Responses<K>> = Static<JsonSchemaOf<Responses<K>[Status]>>;
/** The statuses a route answers with on success. */
export type LedgerOkStatus<K extends LedgerRouteKey> = Extract<keyof Responses<K>, 200 | 201 | 202 | 204>;
/** The body of a route's success answer (a union when 200 and 201 differ). */
export type LedgerOk<K extends LedgerRouteKey> = { [S in LedgerOkStatus<K>]: LedgerReply<K, S> }[LedgerOkStatus<K>];
/** Any body a route may answer with, success or error. */
export type LedgerAnswer<K extends LedgerRouteKey> = { [S in keyof Responses<K>]: LedgerReply<K, S> }[keyof Responses<K>];
/** The JSON body a route takes; `undefined` for a route without one. */
export type LedgerBody<K extends LedgerRouteKey> = SchemaOf<K> extends { body: infer B extends object } ? Static<B> : undefined;
/** The query string a route takes; `undefined` for a route without one. */
export type LedgerQuery<K extends LedgerRouteKey> = SchemaOf<K> extends { querystring: infer Q extends object } ? Static<Q> : undefined;

/** A Fastify path as the paths that match it: `/v1/keys/:id` → `/v1/keys/${string}`. */
export type LedgerPathPattern<U extends string> = U extends `${infer Head}:${string}/${infer Tail}`
  ? `${Head}${string}/${LedgerPathPattern<Tail>}`
  : U extends `${infer Head}:${string}`
    ? `${Head}${string}`
    : U;
/** Every concrete path a client may call with `M`. */
export type LedgerPath<M extends LedgerMethod> = { [K in LedgerRouteKey]: K extends `${M} ${infer U}` ? LedgerPathPattern<U> : never }[LedgerRouteKey];
/** The route a concrete call (`POST`, `/v1/reservations/r-1/settle`) reaches. */
export type LedgerRouteOf<M extends LedgerMethod, P extends string> = {
  [K in LedgerRouteKey]: K extends `${M} ${infer U}` ? (P extends LedgerPathPattern<U> ? K : never) : never;
}[LedgerRouteKey];

/** `{ error: { code, message, field? } }`. */
export type LedgerErrorBody = Static<typeof errorBody>;
export type UsageEventBody = Static<typeof usageEvent>;
export type ChargeOutcomeJson = Static<typeof chargeOutcome>;
export type PricedExecutionJson = Static<typeof pricedExecution>;
export type BalanceCardJson = Static<typeof balanceCard>;
export type AdmissionJson = Static<typeof admission>;
export type LedgerEntryJson = Static<typeof ledgerEntry>;
export type UsageReportJson = Static<typeof usageReport>;
export type ReservationJson = Static<typeof reservation>;
export type QuoteJson = Static<typeof quote>;
export type EstimateJson = Static<typeof estimate>;
