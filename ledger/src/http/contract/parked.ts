/** Contract of parked executions: a Balance → Guard under `pause` parks its execution; the ledger resumes it. */
import { count, isoTime, listQuery, millicredits, nullableText, nullableTime, pathId, shortText, text, workspaceQuery } from './fields';
import { defineRoute, errorResponses } from './route';

/** A parked execution as the API shows it: never its resume URL, which lets whoever holds it resume the execution. */
export const parkedExecution = {
  type: 'object',
  required: ['executionId', 'workflowId', 'nodeName', 'needMillicredits', 'renewsAt', 'status', 'attempts', 'lastError', 'parkedAt', 'endedAt'],
  additionalProperties: false,
  properties: {
    executionId: text,
    workflowId: nullableText,
    nodeName: nullableText,
    needMillicredits: millicredits,
    renewsAt: { ...text, description: 'When n8n resumes it anyway (the renewal), on its own timer.' },
    status: {
      type: 'string',
      enum: ['waiting', 'resuming', 'resumed', 'gone', 'renewal', 'failed'],
      description: 'waiting for credits; resuming (a call in flight); resumed by the ledger; gone (n8n no longer had it waiting); renewal (left to n8n at the renewal); failed (the resume URL kept failing: it resumes at the renewal).',
    },
    attempts: count,
    lastError: nullableText,
    parkedAt: text,
    endedAt: nullableTime,
  },
} as const;

export const postParked = defineRoute({
  method: 'POST',
  url: '/v1/parked',
  schema: {
    tags: ['parked'],
    summary: 'Park an execution until credits cover it (idempotent by execution and park key)',
    description: 'Sent by Balance → Guard under `pause` before it waits. The ledger POSTs to `resumeUrl` once the balance covers `needMillicredits` (a top-up, a grant, a plan change); at `renewsAt` n8n resumes it on its own timer. 201 parked, 200 when this park was recorded before.',
    querystring: workspaceQuery,
    body: {
      type: 'object',
      required: ['executionId', 'parkKey', 'resumeUrl', 'needMillicredits', 'renewsAt'],
      additionalProperties: false,
      properties: {
        executionId: pathId,
        parkKey: { ...shortText, description: 'Which wait of the execution: the Guard sends `nodeName:runIndex`.' },
        resumeUrl: { type: 'string', minLength: 1, maxLength: 2048, pattern: '^https?://', description: "n8n's `$execution.resumeUrl`." },
        needMillicredits: millicredits,
        renewsAt: isoTime,
        workflowId: nullableText,
        nodeName: nullableText,
      },
    },
    response: {
      200: { type: 'object', required: ['status', 'parked'], additionalProperties: false, properties: { status: { type: 'string', enum: ['duplicate'] }, parked: parkedExecution }, description: 'Parked before' },
      201: { type: 'object', required: ['status', 'parked'], additionalProperties: false, properties: { status: { type: 'string', enum: ['parked'] }, parked: parkedExecution }, description: 'Parked' },
      ...errorResponses,
    },
  },
});

export const getParked = defineRoute({
  method: 'GET',
  url: '/v1/parked',
  schema: {
    tags: ['parked'],
    summary: 'Parked executions, newest first: waiting for credits, resumed, or left to the renewal',
    querystring: listQuery,
    response: { 200: { type: 'object', required: ['parked'], additionalProperties: false, properties: { parked: { type: 'array', items: parkedExecution } } }, ...errorResponses },
  },
});
