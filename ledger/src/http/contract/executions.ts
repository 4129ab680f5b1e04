/** Contract of metering n8n executions: post run data, read an execution's entries back. */
import { count, nullableObject, nullableText, pathId, signedMillicredits, text, workspaceQuery } from './fields';
import { ledgerEntry } from './reports';
import { defineRoute, errorResponses } from './route';
import { chargeOutcome, outcomeCounts } from './usage';

/** The body of `POST /v1/executions`: n8n run data with the workflow it ran. */
export const executionBody = {
  type: 'object',
  required: ['workflow', 'run'],
  additionalProperties: false,
  properties: {
    workflow: {
      type: 'object',
      required: ['nodes', 'connections'],
      properties: {
        id: { type: ['string', 'number', 'null'] },
        name: { type: ['string', 'null'] },
        nodes: { type: 'array', maxItems: 5000, items: { type: 'object', required: ['name', 'type'], properties: { name: { type: 'string' }, type: { type: 'string' } } } },
        connections: { type: 'object' },
      },
    },
    run: {
      type: 'object',
      properties: { executionId: pathId, mode: { type: 'string' }, status: { type: 'string' }, data: { type: ['object', 'null'] } },
    },
    executionId: { ...pathId, description: 'The execution id, when `run` (n8n IRun) does not carry it' },
    workflowId: nullableText,
    workflowName: nullableText,
    memberId: nullableText,
  },
} as const;

/** One priced node run of an execution and what the ledger did with its charge. */
const pricedCharge = {
  type: 'object',
  required: ['key', 'nodeName', 'nodeType', 'runIndex', 'kind', 'millicredits', 'reason', 'outcome'],
  additionalProperties: false,
  properties: {
    key: text,
    nodeName: text,
    nodeType: text,
    runIndex: count,
    kind: { type: 'string', enum: ['run', 'item', 'execution', 'tokens', 'helper', 'nominal'] },
    millicredits: signedMillicredits,
    reason: text,
    outcome: nullableObject(chargeOutcome),
  },
} as const;

export const pricedExecution = {
  type: 'object',
  required: ['executionId', 'totalMillicredits', 'recorded', 'duplicates', 'conflicts', 'refused', 'charges', 'skipped', 'notes'],
  additionalProperties: false,
  properties: {
    executionId: text,
    totalMillicredits: signedMillicredits,
    ...outcomeCounts,
    charges: { type: 'array', items: pricedCharge },
    skipped: {
      type: 'array',
      items: { type: 'object', required: ['nodeName', 'reason'], properties: { nodeName: text, runIndex: count, reason: text } },
      description: 'Node runs not priced, and why.',
    },
    notes: { type: 'array', items: text, description: 'Plan decisions that applied (editor run free, failed step not charged, …).' },
  },
  description: 'The priced execution and the outcome of each charge',
} as const;

export const postExecution = defineRoute({
  method: 'POST',
  url: '/v1/executions',
  schema: {
    tags: ['usage'],
    summary: 'Price an n8n execution and record one charge per node run',
    description: 'The service prices `run` (n8n run data with its executionId) against `workflow` with the workspace plan\'s price book. Each charge has the key `executionId:nodeName:runIndex:kind`, so posting the same execution again (a resumed or retried execution) records only what is new.',
    querystring: workspaceQuery,
    body: executionBody,
    response: { 200: pricedExecution, ...errorResponses },
  },
});

export const getExecutionEntries = defineRoute({
  method: 'GET',
  url: '/v1/executions/:executionId/entries',
  schema: {
    tags: ['reports'],
    summary: 'The ledger entries of one execution (several when it paused and resumed)',
    params: { type: 'object', required: ['executionId'], properties: { executionId: pathId } },
    querystring: workspaceQuery,
    response: {
      200: {
        type: 'object',
        required: ['executionId', 'millicredits', 'entries'],
        properties: { executionId: text, millicredits: signedMillicredits, entries: { type: 'array', items: ledgerEntry } },
        description: 'The entries, oldest first',
      },
      ...errorResponses,
    },
  },
});
