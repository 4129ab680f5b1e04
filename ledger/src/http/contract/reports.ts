/** Contract of reading the ledger: the balance card, breakdown reports, entries and the audit. */
import { count, exhaustionPolicy, isoTime, nullableText, pathId, reportDimension, signedMillicredits, text } from './fields';
import { defineRoute, errorResponses } from './route';
import { chargeLabels } from './usage';

/** One ledger entry as the API shows it (the store's entry without its grant debits). */
export const ledgerEntry = {
  type: 'object',
  required: ['id', 'workspaceId', 'type', 'key', 'millicredits', 'overdraft', 'occurredAt', 'recordedAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer', description: 'Sequence number, increasing in recording order.' },
    workspaceId: text,
    type: { type: 'string', enum: ['charge', 'reversal', 'settlement', 'repayment', 'clawback'] },
    key: text,
    millicredits: signedMillicredits,
    ...chargeLabels,
    overdraft: signedMillicredits,
    reversesKey: nullableText,
    reservationId: nullableText,
    occurredAt: text,
    recordedAt: text,
  },
} as const;

/** The usage card of a workspace, in millicredits. */
export const balanceCard = {
  type: 'object',
  required: ['workspaceId', 'planName', 'periodStart', 'resetsAt', 'allocation', 'consumedThisPeriod', 'remaining', 'rollover', 'topUps', 'other', 'reserved', 'totalAvailable', 'dailyLimit', 'dailyRemaining', 'dailyResetsAt', 'overdraft', 'exhaustion'],
  additionalProperties: false,
  properties: {
    workspaceId: text,
    planName: text,
    periodStart: text,
    resetsAt: { ...text, description: 'When the allocation resets (end of the current period).' },
    allocation: signedMillicredits,
    consumedThisPeriod: signedMillicredits,
    remaining: { ...signedMillicredits, description: 'What is left of this period\'s allocation grant.' },
    rollover: signedMillicredits,
    topUps: signedMillicredits,
    other: { ...signedMillicredits, description: 'Remaining manual and promotional grants.' },
    reserved: { ...signedMillicredits, description: 'Held by open reservations.' },
    totalAvailable: { ...signedMillicredits, description: 'remaining + rollover + topUps + other − reserved − overdraft.' },
    dailyLimit: { type: ['integer', 'null'] },
    dailyRemaining: { type: ['integer', 'null'], description: 'What today\'s limit still allows (null with no daily limit).' },
    dailyResetsAt: text,
    overdraft: { ...signedMillicredits, description: 'Debt: millicredits consumed beyond zero (overdraft policy, or an execution that ran out under pause), repaid first by the next credits.' },
    exhaustion: exhaustionPolicy,
  },
  description: 'The balance card, in millicredits',
} as const;

/** The card as `GET /v1/balance` answers it: with the workspace's zone, in which its days are counted. */
const balanceWithZone = {
  ...balanceCard,
  required: [...balanceCard.required, 'timeZone'],
  properties: { ...balanceCard.properties, timeZone: { ...text, description: "The workspace's IANA time zone: days and periods are counted in it." } },
} as const;

export const getBalance = defineRoute({
  method: 'GET',
  url: '/v1/balance',
  schema: {
    tags: ['reports'],
    summary: 'The usage card: consumed, remaining, reset date, rollover, top-ups, total available, daily remaining, overdraft',
    querystring: { type: 'object', properties: { workspaceId: pathId } },
    response: { 200: balanceWithZone, ...errorResponses },
  },
});

const reportRow = {
  type: 'object',
  required: ['key', 'label', 'millicredits', 'entries'],
  additionalProperties: false,
  properties: {
    key: { ...text, description: 'Workflow id, node type, member id or `YYYY-MM-DD` (workspace zone); `\'\'` when unknown.' },
    label: { type: ['string', 'null'], description: 'The workflow name when `by` is `workflow`.' },
    millicredits: signedMillicredits,
    entries: count,
  },
} as const;

export const usageReport = {
  type: 'object',
  required: ['workspaceId', 'by', 'from', 'to', 'totalMillicredits', 'rows'],
  additionalProperties: false,
  properties: {
    workspaceId: text,
    by: reportDimension,
    from: { type: ['string', 'null'] },
    to: { type: ['string', 'null'] },
    totalMillicredits: signedMillicredits,
    rows: { type: 'array', items: reportRow },
  },
} as const;

export const getReports = defineRoute({
  method: 'GET',
  url: '/v1/reports',
  schema: {
    tags: ['reports'],
    summary: 'Usage grouped by workflow, node type, member or day (JSON or CSV)',
    description: 'Defaults to the current period. A member key sees only its own member\'s usage.',
    querystring: {
      type: 'object',
      required: ['by'],
      properties: {
        workspaceId: pathId,
        by: reportDimension,
        from: isoTime,
        to: isoTime,
        memberId: { type: 'string', minLength: 1, maxLength: 512 },
        format: { type: 'string', enum: ['json', 'csv'] },
      },
    },
    response: {
      200: {
        description: 'Rows with key, label, millicredits and entries',
        content: {
          'application/json': { schema: usageReport },
          'text/csv': { schema: { type: 'string', description: 'A header row `<by>,label,millicredits,credits,entries`, then one row per key.' } },
        },
      },
      ...errorResponses,
    },
  },
});

export const getEntries = defineRoute({
  method: 'GET',
  url: '/v1/entries',
  schema: {
    tags: ['reports'],
    summary: 'Ledger entries, newest first (paged with `before`)',
    querystring: {
      type: 'object',
      properties: {
        workspaceId: pathId,
        workflowId: { type: 'string', minLength: 1, maxLength: 512 },
        memberId: { type: 'string', minLength: 1, maxLength: 512 },
        from: isoTime,
        to: isoTime,
        limit: { type: 'string', pattern: '^(?:[1-9][0-9]{0,2}|1000)$', description: '1–1000, default 100' },
        before: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' },
      },
    },
    response: {
      200: { type: 'object', required: ['entries'], properties: { entries: { type: 'array', items: ledgerEntry } }, description: 'The entries' },
      ...errorResponses,
    },
  },
});

export const getAudit = defineRoute({
  method: 'GET',
  url: '/v1/audit',
  schema: {
    tags: ['admin'],
    summary: 'Recompute the balances from the entries and compare',
    querystring: { type: 'object', properties: { workspaceId: pathId } },
    response: {
      200: {
        type: 'object',
        required: ['workspaceId', 'ok', 'problems', 'grants', 'overdraft', 'entries', 'netCharged'],
        additionalProperties: false,
        properties: {
          workspaceId: text,
          ok: { type: 'boolean' },
          problems: { type: 'array', items: text, description: 'One line per grant whose stored remainder differs from what the entries say.' },
          grants: {
            type: 'array',
            items: { type: 'object', required: ['grantId', 'stored', 'recomputed'], properties: { grantId: text, stored: signedMillicredits, recomputed: signedMillicredits } },
          },
          overdraft: { type: 'object', required: ['stored', 'recomputed'], properties: { stored: signedMillicredits, recomputed: signedMillicredits } },
          entries: count,
          netCharged: signedMillicredits,
        },
        description: 'The audit report',
      },
      ...errorResponses,
    },
  },
});

