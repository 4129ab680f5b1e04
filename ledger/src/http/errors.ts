import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isLedgerError, type LedgerError } from '../store/errors';
import type { LedgerErrorBody } from './contract';

/** The JSON body of every error answer: `{ error: { code, message, field?, limit?, value? } }` (the contract's `errorBody`). */
export type ErrorBody = LedgerErrorBody;

/** The limit a refused request crossed, and what it sent: a client can tell which setting to ask about. */
export interface LimitDetail {
  limit: number;
  value?: number;
}

/** An expected failure of a request, answered with `status` and an error body; nothing has been written. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly detail?: LimitDetail,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Builds the JSON error body. */
export function errorBody(code: string, message: string, field?: string, detail?: LimitDetail): ErrorBody {
  return { error: { code, message, ...(field === undefined ? {} : { field }), ...detail } };
}

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** Turns the first ajv issue into a dotted field name (`events.3.amount`) and a sentence. */
export function describeValidation(issues: AjvIssue[], part: string | undefined): { field: string; message: string } {
  const issue = issues[0] ?? {};
  const path = (issue.instancePath ?? '').split('/').filter(Boolean);
  const params = issue.params ?? {};
  if (issue.keyword === 'required' && typeof params.missingProperty === 'string') path.push(params.missingProperty);
  if (issue.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    path.push(params.additionalProperty);
    const field = path.join('.');
    return { field, message: `unknown field "${field}" in ${part ?? 'body'}` };
  }
  const field = path.join('.') || (part ?? 'body');
  return { field, message: `${field} ${issue.message ?? 'is invalid'}` };
}

/** Fastify error handler: every failure becomes `{error:{code,message,field?}}` with a 4xx/5xx status. */
export function handleError(err: FastifyError | ApiError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof ApiError) {
    // A 503 of ours is momentary (analyses queued, shutting down): say when to try again unless a limit already did.
    if (err.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', '1');
    void reply.status(err.status).send(errorBody(err.code, err.message, err.field, err.detail));
    return;
  }
  if (isLedgerError(err)) {
    const api = fromLedgerError(err);
    void reply.status(api.status).send(errorBody(api.code, api.message, api.field));
    return;
  }
  const fe = err as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
  if (fe.validation) {
    const { field, message } = describeValidation(fe.validation, fe.validationContext);
    void reply.status(400).send(errorBody('invalid_request', message, field));
    return;
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = request.routeOptions.bodyLimit;
      void reply.status(413).send(errorBody('body_too_large', `the request body is larger than the limit of ${limit} bytes`, 'body', { limit }));
      return;
    }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      void reply.status(400).send(errorBody('malformed_json', `the body is not valid JSON: ${fe.message}`, 'body'));
      return;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      void reply.status(415).send(errorBody('unsupported_media_type', 'send the body as application/json'));
      return;
  }
  if (err instanceof SyntaxError && (fe.statusCode ?? 0) === 400) {
    void reply.status(400).send(errorBody('malformed_json', `the body is not valid JSON: ${err.message}`, 'body'));
    return;
  }
  const storage = storageFailure(err);
  if (storage) {
    request.log.error({ err }, 'database unavailable');
    void reply.status(storage.status).send(errorBody(storage.code, storage.message));
    return;
  }
  const status = typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  if (status === 500) request.log.error({ err }, 'request failed');
  void reply
    .status(status)
    .send(errorBody(status === 500 ? 'internal_error' : 'bad_request', status === 500 ? 'internal error' : fe.message));
}

/** PostgreSQL connection failures (class 08, 57P01–57P03) and Node socket errors while talking to it. */
const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/**
 * A failure of the database itself rather than of the request: the disk is full (507), or the
 * database cannot be reached, read or written (503). The client may retry the same request later.
 */
export function storageFailure(err: unknown): { status: number; code: string; message: string } | null {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const message = err instanceof Error ? err.message : '';
  if (code === 'SQLITE_FULL') return { status: 507, code: 'storage_full', message: 'the ledger database is full: free disk space, then retry' };
  if (/^SQLITE_(IOERR|READONLY|CANTOPEN|BUSY|LOCKED|CORRUPT|NOTADB)/.test(code)) return { status: 503, code: 'database_unavailable', message: `the ledger database cannot be used (${code}): retry later` };
  if (CONNECTION_CODES.has(code) || /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error/.test(message)) {
    return { status: 503, code: 'database_unavailable', message: 'the ledger database is unavailable: retry later' };
  }
  return null;
}

/** Fastify not-found handler: 404 as a JSON error. */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0]}`));
}

const LEDGER_STATUS: Record<string, number> = {
  'invalid-amount': 400,
  'invalid-input': 400,
  'unknown-workspace': 404,
  'unknown-member': 404,
  'unknown-entry': 404,
  'unknown-reservation': 404,
  'unknown-api-key': 404,
  'duplicate-workspace': 409,
  'duplicate-member': 409,
  'reservation-expired': 409,
  'reservation-settled': 409,
  'reservation-released': 409,
  'already-reversed': 409,
  'key-conflict': 409,
};

/** Maps a store's typed error to an HTTP error; `prefix` names where the input sat (`events.3`). */
export function fromLedgerError(err: LedgerError, prefix = ''): ApiError {
  const details = err.details ?? {};
  let rawField = typeof details.field === 'string' ? details.field : undefined;
  let path = prefix;
  if (typeof details.index === 'number' && prefix) path = `${prefix}.${details.index}`;
  // The store names a batch's bad input `entries[3].key`; the API names it as the body does, `events.3.key`.
  const indexed = rawField ? /^[A-Za-z]+\[(\d+)\]\.(.+)$/.exec(rawField) : null;
  if (indexed && prefix) {
    path = `${prefix}.${indexed[1]}`;
    rawField = indexed[2];
  }
  const field = rawField ? (path ? `${path}.${rawField}` : rawField) : path || undefined;
  return new ApiError(LEDGER_STATUS[err.code] ?? 500, err.code, err.message, field);
}
