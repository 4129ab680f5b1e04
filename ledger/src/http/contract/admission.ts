/** Contract of admission: may a new execution start, given the balance, the workflow's estimate and its breaker. */
import { count, exhaustionPolicy, nullableObject, pathId, signedMillicredits, workspaceQuery } from './fields';
import { defineRoute, errorResponses } from './route';

const mode = { type: 'string', minLength: 1, maxLength: 40, description: 'n8n execution mode; `manual` (editor) runs are always admitted' } as const;

/** The estimate per execution admission compared with the balance. */
const admissionEstimate = {
  type: 'object',
  required: ['millicredits', 'figure', 'versionId'],
  additionalProperties: false,
  properties: {
    millicredits: signedMillicredits,
    figure: { type: 'string', enum: ['expected', 'max'], description: 'Which figure of the estimate the plan admits on (`admissionEstimate`).' },
    versionId: { type: 'string', description: 'The workflow version priced: n8n\'s `versionId`, or `sha256:…` of its nodes and connections.' },
  },
} as const;

/** Whether a new execution may start, and the figures behind the answer. */
export const admission = {
  type: 'object',
  required: ['allowed', 'reason', 'message', 'renewsAt', 'exhaustion', 'totalAvailable', 'dailyRemaining', 'consecutiveFailures', 'estimate', 'missing', 'workflowNeeded'],
  additionalProperties: false,
  properties: {
    allowed: { type: 'boolean' },
    reason: {
      type: ['string', 'null'],
      enum: ['credits-exhausted', 'insufficient-credits', 'daily-limit', 'circuit-open', null],
      description: 'Why not: nothing left (`credits-exhausted`), less than the estimate (`insufficient-credits`), the daily limit, the breaker; null when allowed.',
    },
    message: { type: ['string', 'null'] },
    renewsAt: { type: ['string', 'null'], description: 'When credits renew (period or day); null when not refused for credits.' },
    exhaustion: exhaustionPolicy,
    totalAvailable: signedMillicredits,
    dailyRemaining: { type: ['integer', 'null'] },
    consecutiveFailures: count,
    estimate: { ...nullableObject(admissionEstimate), description: 'The workflow version\'s estimate per execution; null when the ledger has not priced that version.' },
    missing: { type: ['integer', 'null'], description: 'Millicredits missing to start it (refused for credits or the daily limit); null otherwise.' },
    workflowNeeded: { type: 'boolean', description: 'The ledger does not know this workflow version: send it with `POST /v1/admission` to be admitted on its estimate.' },
  },
  description: 'allowed, reason, message, renewsAt, and the figures behind them',
} as const;

export const getAdmission = defineRoute({
  method: 'GET',
  url: '/v1/admission',
  schema: {
    tags: ['usage'],
    summary: 'Whether a new execution may start: the pause policy against the workflow\'s estimate, the daily limit and the workflow\'s circuit breaker',
    description: 'With `versionId`, a workflow version the ledger priced before (`POST /v1/admission`) is admitted on its estimate; an unknown version answers `workflowNeeded: true` and is decided without an estimate.',
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: { workspaceId: pathId, workflowId: pathId, versionId: pathId, mode },
    },
    response: { 200: admission, ...errorResponses },
  },
});

export const postAdmission = defineRoute({
  method: 'POST',
  url: '/v1/admission',
  schema: {
    tags: ['usage'],
    summary: 'Whether a new execution of this workflow may start: priced with `analyzeWorkflow` (cached per workflow version) and compared with the balance',
    querystring: workspaceQuery,
    body: {
      type: 'object',
      required: ['workflow'],
      additionalProperties: false,
      properties: {
        workflow: {
          type: 'object',
          required: ['nodes', 'connections'],
          properties: {
            id: { type: ['string', 'null'], maxLength: 200 },
            versionId: { type: ['string', 'null'], maxLength: 200 },
            name: { type: ['string', 'null'], maxLength: 512 },
            nodes: { type: 'array', maxItems: 5000, items: { type: 'object' } },
            connections: { type: 'object' },
          },
        },
        mode,
      },
    },
    response: { 200: admission, ...errorResponses },
  },
});
