/** Contract of `whoami` and the alert settings. */
import { count, isoTime, listQuery, nullableObject, nullableText, nullableTime, role, text, workspaceQuery } from './fields';
import { defineRoute, errorResponses } from './route';

export const whoami = {
  type: 'object',
  required: ['keyId', 'name', 'role', 'memberId', 'via', 'workspace'],
  additionalProperties: false,
  properties: {
    keyId: text,
    name: text,
    role,
    memberId: nullableText,
    via: { type: 'string', enum: ['bearer', 'session'] },
    workspace: nullableObject({
      type: 'object',
      required: ['id', 'name', 'plan'],
      properties: { id: text, name: text, plan: { ...text, description: 'The plan name.' } },
      description: 'Null for an instance-wide key.',
    }),
  },
  description: 'The caller',
} as const;

const thresholdsField = { type: 'array', maxItems: 10, uniqueItems: true, items: { type: 'integer', minimum: 1, maximum: 1000 }, description: 'Percentages of the allocation used up, measured on the total available: 80 fires when 20% of the allocation or less is left (top-ups re-arm it).' } as const;
const belowField = { type: ['integer', 'null'], minimum: 1, maximum: 1e15, description: 'Fires when the total available falls below this many millicredits; null for none.' } as const;
const spikeFactorField = { type: ['number', 'null'], minimum: 1, maximum: 1000, description: "Fires when a workflow's consumption today exceeds this multiple (to 1/100) of its average day; null for none." } as const;
const spikeDaysField = { type: 'integer', minimum: 1, maximum: 90, description: 'Days before today (workspace zone) whose average is the spike baseline.' } as const;
const alertEvents = {
  type: 'object',
  required: ['depleted', 'renewed', 'dailyLimit', 'circuitOpen'],
  additionalProperties: false,
  properties: { depleted: { type: 'boolean' }, renewed: { type: 'boolean' }, dailyLimit: { type: 'boolean' }, circuitOpen: { type: 'boolean' } },
  description: 'Which fixed events are sent (default: all).',
} as const;

export const alertSettings = {
  type: 'object',
  required: ['thresholds', 'belowMillicredits', 'spikeFactor', 'spikeDays', 'events', 'email', 'webhookUrl', 'webhookSecretSet'],
  additionalProperties: false,
  properties: {
    thresholds: thresholdsField,
    belowMillicredits: belowField,
    spikeFactor: spikeFactorField,
    spikeDays: spikeDaysField,
    events: alertEvents,
    email: { type: ['string', 'null'] },
    webhookUrl: { type: ['string', 'null'] },
    webhookSecretSet: { type: 'boolean', description: 'Webhooks are signed (the secret itself is never read back).' },
  },
  description: 'Alert settings',
} as const;

const alertDelivery = {
  type: 'object',
  required: ['id', 'alertId', 'event', 'channel', 'target', 'status', 'attempts', 'lastError', 'createdAt', 'nextAttemptAt', 'sentAt'],
  additionalProperties: false,
  properties: {
    id: text,
    alertId: { ...text, description: 'The alert (the same on each channel; the `X-Credits-Delivery` header).' },
    event: { type: 'string', enum: ['threshold', 'below-credits', 'depleted', 'renewed', 'daily-limit', 'circuit-open', 'spike'] },
    channel: { type: 'string', enum: ['email', 'webhook'] },
    target: { ...text, description: 'The e-mail address or webhook URL.' },
    status: { type: 'string', enum: ['pending', 'sent', 'failed'], description: '`pending` is waiting for its next attempt.' },
    attempts: count,
    lastError: { type: ['string', 'null'], description: 'Why the last attempt failed.' },
    createdAt: isoTime,
    nextAttemptAt: { ...isoTime, description: 'When a pending delivery is tried again.' },
    sentAt: nullableTime,
  },
} as const;

export const getWhoami = defineRoute({
  method: 'GET',
  url: '/v1/whoami',
  schema: { tags: ['keys'], summary: 'The key making the request: role, workspace, member', response: { 200: whoami, ...errorResponses } },
});

export const getAlerts = defineRoute({
  method: 'GET',
  url: '/v1/alerts',
  schema: { tags: ['alerts'], summary: 'The alert settings', querystring: workspaceQuery, response: { 200: alertSettings, ...errorResponses } },
});

export const putAlerts = defineRoute({
  method: 'PUT',
  url: '/v1/alerts',
  schema: {
    tags: ['alerts'],
    summary: 'Replace the alert settings',
    querystring: workspaceQuery,
    body: {
      type: 'object',
      required: ['thresholds'],
      additionalProperties: false,
      properties: {
        thresholds: thresholdsField,
        belowMillicredits: belowField,
        spikeFactor: spikeFactorField,
        spikeDays: spikeDaysField,
        events: { ...alertEvents, required: [], description: 'Events left out stay on.' },
        email: { type: ['string', 'null'], format: 'email', maxLength: 320 },
        webhookUrl: { type: ['string', 'null'], format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://', maxLength: 2000, description: 'An http:// or https:// URL.' },
        webhookSecret: { type: 'string', minLength: 16, maxLength: 200, pattern: '^[\\x21-\\x7e]+$', description: 'Set the signing secret yourself (printable ASCII); otherwise one is generated with the first webhook URL.' },
      },
    },
    response: {
      200: {
        ...alertSettings,
        required: alertSettings.required,
        properties: { ...alertSettings.properties, webhookSecret: { ...text, description: 'Only when this request generated the secret: shown once, keep it now.' } },
        description: 'The saved settings',
      },
      ...errorResponses,
    },
  },
});

export const getAlertDeliveries = defineRoute({
  method: 'GET',
  url: '/v1/alerts/deliveries',
  schema: {
    tags: ['alerts'],
    summary: 'Recent alert deliveries, newest first: event, channel, status, attempts, last error',
    querystring: listQuery,
    response: { 200: { type: 'object', required: ['deliveries'], additionalProperties: false, properties: { deliveries: { type: 'array', items: alertDelivery } } }, ...errorResponses },
  },
});
