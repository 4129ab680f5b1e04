import type { FastifyInstance } from 'fastify';
import { formatCredits } from '../../../../shared-pricing/src/money/formatCredits';
import type { BreakdownDimension, BreakdownRow } from '../../store/types';
import { principalOf } from '../auth';
import { memberScope, resolveWorkspace, type AppContext } from '../context';
import { entryJson } from '../outcomes';
import { isoTime, okObject, reportDimension } from '../schemas';

interface ReportQuery {
  workspaceId?: string;
  by: BreakdownDimension;
  from?: string;
  to?: string;
  memberId?: string;
  format?: 'json' | 'csv';
}

/** One CSV field: quoted when needed, and a leading formula character neutralised for spreadsheets. */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A breakdown as CSV with a header row; credits are written as exact decimals of millicredits. */
export function breakdownCsv(by: BreakdownDimension, rows: BreakdownRow[]): string {
  const lines = [[by, 'label', 'millicredits', 'credits', 'entries'].join(',')];
  for (const r of rows) {
    // Three decimals always and no separators: a column spreadsheets read as one number.
    const credits = formatCredits(r.millicredits, { fixedDecimals: true });
    lines.push([csvField(r.key), csvField(r.label), csvField(r.millicredits), credits, csvField(r.entries)].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** Balance, breakdown reports (JSON or CSV), entry listings and the audit. */
export function reportRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Querystring: { workspaceId?: string } }>('/v1/balance', {
    config: { roles: ['admin', 'member', 'meter'] },
    schema: {
      tags: ['reports'],
      summary: 'The usage card: consumed, remaining, reset date, rollover, top-ups, total available, daily remaining, overdraft',
      querystring: { type: 'object', properties: { workspaceId: { type: 'string', minLength: 1, maxLength: 200 } } },
      response: { 200: okObject('The balance card, in millicredits') },
    },
  }, async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    return ctx.store.balance(ws.id);
  });

  app.get<{ Querystring: ReportQuery }>('/v1/reports', {
    config: { roles: ['admin', 'member'] },
    schema: {
      tags: ['reports'],
      summary: 'Usage grouped by workflow, node type, member or day (JSON or CSV)',
      description: 'Defaults to the current period. A member key sees only its own member\'s usage.',
      querystring: {
        type: 'object',
        required: ['by'],
        properties: {
          workspaceId: { type: 'string', minLength: 1, maxLength: 200 },
          by: reportDimension,
          from: isoTime,
          to: isoTime,
          memberId: { type: 'string', minLength: 1, maxLength: 512 },
          format: { type: 'string', enum: ['json', 'csv'] },
        },
      },
      response: { 200: okObject('Rows with key, label, millicredits and entries') },
    },
  }, async (request, reply) => {
    const ws = await resolveWorkspace(ctx, request);
    const q = request.query;
    const memberId = memberScope(principalOf(request), q.memberId) ?? undefined;
    const rows = await ctx.store.breakdown({ workspaceId: ws.id, by: q.by, from: q.from, to: q.to, memberId });
    if (q.format === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="usage-by-${q.by}.csv"`)
        .send(breakdownCsv(q.by, rows));
    }
    return reply.send({ workspaceId: ws.id, by: q.by, from: q.from ?? null, to: q.to ?? null, totalMillicredits: rows.reduce((s, r) => s + r.millicredits, 0), rows });
  });

  app.get<{ Querystring: { workspaceId?: string; workflowId?: string; memberId?: string; from?: string; to?: string; limit?: string; before?: string } }>('/v1/entries', {
    config: { roles: ['admin', 'member'] },
    schema: {
      tags: ['reports'],
      summary: 'Ledger entries, newest first (paged with `before`)',
      querystring: {
        type: 'object',
        properties: {
          workspaceId: { type: 'string', minLength: 1, maxLength: 200 },
          workflowId: { type: 'string', minLength: 1, maxLength: 512 },
          memberId: { type: 'string', minLength: 1, maxLength: 512 },
          from: isoTime,
          to: isoTime,
          limit: { type: 'string', pattern: '^(?:[1-9][0-9]{0,2}|1000)$', description: '1–1000, default 100' },
          before: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' },
        },
      },
      response: { 200: okObject('The entries') },
    },
  }, async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    const q = request.query;
    const memberId = memberScope(principalOf(request), q.memberId) ?? undefined;
    const entries = await ctx.store.listEntries({
      workspaceId: ws.id, workflowId: q.workflowId, memberId, from: q.from, to: q.to,
      limit: q.limit ? Number(q.limit) : undefined, before: q.before ? Number(q.before) : undefined,
    });
    return { entries: entries.map(entryJson) };
  });

  app.get('/v1/audit', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'],
      summary: 'Recompute the balances from the entries and compare',
      querystring: { type: 'object', properties: { workspaceId: { type: 'string', minLength: 1, maxLength: 200 } } },
      response: { 200: okObject('The audit report') },
    },
  }, async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    return ctx.store.audit(ws.id);
  });
}
