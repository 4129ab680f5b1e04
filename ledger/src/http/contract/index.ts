/**
 * The ledger's HTTP contract, defined once: every route's method, path, request and response schemas. The
 * routes register with these schemas (Fastify validates requests and serializes answers with them, so a field the
 * contract lacks is not sent), `@fastify/swagger` builds the OpenAPI document from them, and every client — the
 * hook, `sync`, the n8n nodes' transport, the VS Code extension — takes its types from here (`./types`).
 *
 * The schemas are JSON Schema literals that TypeBox infers types from (`Static`), not TypeBox builder calls: this
 * folder then compiles to JavaScript with no imports but its own files, and the community nodes, which import only
 * its types, keep their zero runtime dependencies.
 */
import * as admin from './admin';
import * as admission from './admission';
import * as executions from './executions';
import * as parked from './parked';
import * as payments from './payments';
import * as pricing from './pricing';
import * as reports from './reports';
import * as reservations from './reservations';
import * as settings from './settings';
import * as system from './system';
import * as usage from './usage';

/** Every route of the API, by `METHOD /path` (Fastify's `:param` form). */
export const ledgerContract = {
  'GET /healthz': system.getHealthz,
  'GET /readyz': system.getReadyz,
  'GET /metrics': system.getMetrics,
  'GET /v1/openapi.json': system.getOpenApi,
  'POST /session': system.postSession,
  'DELETE /session': system.deleteSession,
  'POST /v1/usage': usage.postUsage,
  'POST /v1/usage/batch': usage.postUsageBatch,
  'POST /v1/executions': executions.postExecution,
  'GET /v1/executions/:executionId/entries': executions.getExecutionEntries,
  'POST /v1/quote': pricing.postQuote,
  'POST /v1/estimates': pricing.postEstimate,
  'POST /v1/reservations': reservations.postReservation,
  'GET /v1/reservations/:id': reservations.getReservation,
  'POST /v1/reservations/:id/settle': reservations.settleReservation,
  'POST /v1/reservations/:id/release': reservations.releaseReservation,
  'GET /v1/balance': reports.getBalance,
  'GET /v1/admission': admission.getAdmission,
  'POST /v1/admission': admission.postAdmission,
  'GET /v1/reports': reports.getReports,
  'GET /v1/entries': reports.getEntries,
  'GET /v1/audit': reports.getAudit,
  'GET /v1/topups/packs': admin.getTopUpPacks,
  'POST /v1/topups': admin.postTopUp,
  'GET /v1/plan': admin.getPlan,
  'PUT /v1/plan': admin.putPlan,
  'GET /v1/keys': admin.getKeys,
  'POST /v1/keys': admin.postKey,
  'DELETE /v1/keys/:id': admin.deleteKey,
  'GET /v1/workspaces': admin.getWorkspaces,
  'POST /v1/workspaces': admin.postWorkspace,
  'GET /v1/whoami': settings.getWhoami,
  'GET /v1/alerts': settings.getAlerts,
  'PUT /v1/alerts': settings.putAlerts,
  'GET /v1/alerts/deliveries': settings.getAlertDeliveries,
  'POST /v1/parked': parked.postParked,
  'GET /v1/parked': parked.getParked,
  'POST /v1/checkout': payments.postCheckout,
  'GET /v1/purchases': payments.getPurchases,
  'POST /v1/payments/stripe/webhook': payments.postStripeWebhook,
} as const;

export type LedgerContract = typeof ledgerContract;

export { MAX_BATCH } from './usage';
export { defineRoute, type ContractRole, type RouteContract } from './route';
export type * from './types';
