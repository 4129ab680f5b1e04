/** Contract of `whoami` and the alert settings. */
import { nullableObject, nullableText, role, text, workspaceQuery } from './fields';
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

export const alertSettings = {
  type: 'object',
  required: ['thresholds', 'email', 'webhookUrl'],
  additionalProperties: false,
  properties: {
    thresholds: { type: 'array', items: { type: 'integer' }, description: 'Percentages of the allocation consumed' },
    email: { type: ['string', 'null'] },
    webhookUrl: { type: ['string', 'null'] },
  },
  description: 'Alert settings',
} as const;

export const getWhoami = defineRoute({
  method: 'GET',
  url: '/v1/whoami',
  roles: ['admin', 'member', 'meter'],
  schema: { tags: ['keys'], summary: 'The key making the request: role, workspace, member', response: { 200: whoami, ...errorResponses } },
});

export const getAlerts = defineRoute({
  method: 'GET',
  url: '/v1/alerts',
  roles: ['admin', 'member'],
  schema: { tags: ['alerts'], summary: 'The alert settings', querystring: workspaceQuery, response: { 200: alertSettings, ...errorResponses } },
});

export const putAlerts = defineRoute({
  method: 'PUT',
  url: '/v1/alerts',
  roles: ['admin'],
  schema: {
    tags: ['alerts'],
    summary: 'Replace the alert settings',
    querystring: workspaceQuery,
    body: {
      type: 'object',
      required: ['thresholds'],
      additionalProperties: false,
      properties: {
        thresholds: { type: 'array', maxItems: 10, uniqueItems: true, items: { type: 'integer', minimum: 1, maximum: 1000 }, description: 'Percentages of the allocation consumed' },
        email: { type: ['string', 'null'], format: 'email', maxLength: 320 },
        webhookUrl: { type: ['string', 'null'], format: 'uri', pattern: '^https?://', maxLength: 2000 },
      },
    },
    response: { 200: { ...alertSettings, description: 'The saved settings' }, ...errorResponses },
  },
});
