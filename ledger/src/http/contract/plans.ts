/** Contract pieces that describe a plan and a workspace as the API shows them (shared-pricing `plans/types.ts`). */
import { exhaustionPolicy, signedMillicredits, text } from './fields';

export const topUpPack = {
  type: 'object',
  required: ['id', 'millicredits', 'price', 'currency'],
  additionalProperties: false,
  properties: {
    id: text,
    millicredits: signedMillicredits,
    price: { type: 'integer', description: 'Price in the smallest unit of `currency` (cents).' },
    currency: text,
  },
} as const;

/** How long top-up credits last: until the plan ends, until the period ends, or a number of days. */
export const topUpLifetime = {
  type: 'object',
  required: ['kind'],
  additionalProperties: false,
  properties: { kind: { type: 'string', enum: ['plan', 'period', 'days'] }, days: { type: 'integer', minimum: 1 } },
} as const;

/** A plan document: the policies of one workspace's subscription, as data. */
export const planDocument = {
  type: 'object',
  required: ['version', 'name', 'priceBook', 'cycle', 'allocation', 'dailyLimit', 'rolloverCap', 'topUps', 'editorRunsFree', 'chargeFailedStep', 'exhaustion', 'consecutiveFailureLimit', 'memberAllocations'],
  additionalProperties: false,
  properties: {
    version: { type: 'integer', enum: [1] },
    name: text,
    description: text,
    priceBook: { ...text, description: 'The price book this plan\'s workspaces are priced with (a preset name).' },
    cycle: { type: 'string', enum: ['monthly', 'yearly'] },
    allocation: signedMillicredits,
    dailyLimit: { type: ['integer', 'null'] },
    rolloverCap: signedMillicredits,
    topUps: { type: 'object', required: ['packs', 'lifetime'], additionalProperties: false, properties: { packs: { type: 'array', items: topUpPack }, lifetime: topUpLifetime } },
    editorRunsFree: { type: 'boolean' },
    chargeFailedStep: { type: 'boolean' },
    exhaustion: exhaustionPolicy,
    admissionEstimate: { type: 'string', enum: ['expected', 'max'], description: 'Under pause, the estimate per execution the balance must cover for a new execution to start (default `expected`).' },
    consecutiveFailureLimit: { type: ['integer', 'null'] },
    memberAllocations: { type: 'boolean' },
  },
} as const;

/** The plan rules an n8n node applies before charging or guarding (a meter key may not read `/v1/plan`). */
export const planRules = {
  type: 'object',
  required: ['name', 'priceBook', 'exhaustion', 'editorRunsFree', 'chargeFailedStep'],
  additionalProperties: false,
  properties: { name: text, priceBook: text, exhaustion: exhaustionPolicy, editorRunsFree: { type: 'boolean' }, chargeFailedStep: { type: 'boolean' } },
} as const;

export const workspace = {
  type: 'object',
  required: ['id', 'name', 'plan', 'timeZone', 'anchorDay', 'anchorMonth', 'createdAt', 'planStartedAt', 'periodStart'],
  additionalProperties: false,
  properties: {
    id: text,
    name: text,
    plan: planDocument,
    timeZone: { ...text, description: 'IANA time zone; periods and days are counted in it.' },
    anchorDay: { type: 'integer', minimum: 1, maximum: 31 },
    anchorMonth: { type: 'integer', minimum: 1, maximum: 12 },
    dailyLimitOverride: { type: ['integer', 'null'], description: 'Overrides the plan\'s daily limit when present.' },
    createdAt: text,
    planStartedAt: text,
    periodStart: text,
  },
  description: 'The workspace',
} as const;
