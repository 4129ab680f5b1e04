/** The shape of one route of the ledger's contract, and the answers every route shares. */

/** A role of an API key (`keys.ts` names the same three). */
export type ContractRole = 'admin' | 'member' | 'meter';

/**
 * One route: what it accepts and answers, and its words in the OpenAPI document. Who may call it is the server's
 * access table (`ledger/src/http/access.ts`), not the contract's.
 */
export interface RouteContract {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify's path, with `:param` segments. */
  readonly url: string;
  readonly schema: {
    readonly tags: readonly string[];
    readonly summary: string;
    readonly description?: string;
    readonly querystring?: object;
    readonly params?: object;
    readonly body?: object;
    /** By status (`200`, `'4xx'`); a status may map media types to schemas under `content`. */
    readonly response: Readonly<Record<string | number, object>>;
  };
}

/**
 * Declares a route of the contract, keeping every literal (`const` type parameter): the schemas' types stay exact for
 * TypeBox's `Static`.
 */
export function defineRoute<const R extends RouteContract>(route: R): R {
  return route;
}

/** The body of every error answer: `{ error: { code, message, field? } }`. */
export const errorBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        field: { type: 'string', description: 'The offending input as a dotted path (`events.3.key`).' },
        limit: { type: 'integer', description: 'The limit the request crossed (bytes, nodes, milliseconds, requests per minute), when one did.' },
        value: { type: 'integer', description: 'What the request sent against `limit`, when it is known.' },
      },
    },
  },
  description: 'An error',
} as const;

/** Error answers every route can give (401, 403, 400, 404, 413 … and the database being unavailable). */
export const errorResponses = { '4xx': errorBody, '5xx': errorBody } as const;
