/** Contract of the system routes (health, readiness, metrics, this document) and the billing page's sign-in. */
import { role, text } from './fields';
import { defineRoute, errorResponses } from './route';

export const getHealthz = defineRoute({
  method: 'GET',
  url: '/healthz',
  schema: {
    tags: ['system'],
    summary: 'Liveness (no key needed)',
    response: { 200: { type: 'object', required: ['status', 'version'], properties: { status: { type: 'string', enum: ['ok'] }, version: text }, description: 'Alive' } },
  },
});

export const getReadyz = defineRoute({
  method: 'GET',
  url: '/readyz',
  schema: {
    tags: ['system'],
    summary: 'Readiness: the database answers and can be written, and the process is not draining (no key needed)',
    response: {
      200: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ready'] } }, description: 'Ready' },
      503: {
        type: 'object',
        required: ['status'],
        properties: { status: { type: 'string', enum: ['draining', 'database-unavailable', 'database-read-only'] }, message: text },
        description: 'Not ready',
      },
    },
  },
});

export const getMetrics = defineRoute({
  method: 'GET',
  url: '/metrics',
  schema: {
    tags: ['system'],
    summary: 'Prometheus metrics (text format 0.0.4); any key, or none when the service runs with `--public-metrics`',
    response: {
      200: { description: 'The metrics', content: { 'text/plain': { schema: { type: 'string', description: 'Prometheus text format 0.0.4' } } } },
      ...errorResponses,
    },
  },
});

// Public: a client generator or API explorer reads it before it has a key, and it holds no workspace's data.
export const getOpenApi = defineRoute({
  method: 'GET',
  url: '/v1/openapi.json',
  schema: {
    tags: ['system'],
    summary: 'This document (OpenAPI 3.1; no key needed)',
    response: {
      200: {
        description: 'The OpenAPI document',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['openapi', 'info'],
              additionalProperties: false,
              properties: {
                openapi: { type: 'string', enum: ['3.1.0'] },
                info: { type: 'object', required: ['title', 'version'], properties: { title: text, version: text, description: text } },
                servers: { type: 'array', items: { type: 'object', additionalProperties: true } },
                security: { type: 'array', items: { type: 'object', additionalProperties: true } },
                components: { type: 'object', additionalProperties: true, description: 'Security schemes and shared schemas.' },
                paths: { type: 'object', additionalProperties: true, description: 'Every route of the contract: its parameters, body, answers and roles (`x-roles`).' },
              },
            },
          },
        },
      },
      ...errorResponses,
    },
  },
});

export const postSession = defineRoute({
  method: 'POST',
  url: '/session',
  schema: {
    tags: ['page'],
    summary: 'Sign the billing page in with an API key (sets an HttpOnly, SameSite=Strict session cookie)',
    body: { type: 'object', required: ['key'], additionalProperties: false, properties: { key: { type: 'string', minLength: 1, maxLength: 200 } } },
    response: { 200: { type: 'object', required: ['role', 'name'], properties: { role, name: text }, description: 'Signed in' }, ...errorResponses },
  },
});

export const deleteSession = defineRoute({
  method: 'DELETE',
  url: '/session',
  schema: {
    tags: ['page'],
    summary: 'Sign out',
    response: { 200: { type: 'object', required: ['signedOut'], properties: { signedOut: { type: 'boolean', enum: [true] } }, description: 'Signed out' } },
  },
});
