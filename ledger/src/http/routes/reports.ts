import { breakdownCsv } from '../../reports/breakdownCsv';
import { principalOf } from '../auth';
import { memberScope, resolveWorkspace, type AppContext } from '../context';
import { getAudit, getBalance, getEntries, getReports } from '../contract/reports';
import { contractRoute, type LedgerApp } from '../contractRoute';
import { entryJson } from '../outcomes';

/** Balance, breakdown reports (JSON or CSV), entry listings and the audit. */
export function reportRoutes(app: LedgerApp, ctx: AppContext): void {
  app.get(getBalance.url, contractRoute(getBalance), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    return { ...(await ctx.store.balance(ws.id)), timeZone: ws.timeZone };
  });

  app.get(getReports.url, contractRoute(getReports), async (request, reply) => {
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

  app.get(getEntries.url, contractRoute(getEntries), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    const q = request.query;
    const memberId = memberScope(principalOf(request), q.memberId) ?? undefined;
    const entries = await ctx.store.listEntries({
      workspaceId: ws.id, workflowId: q.workflowId, memberId, from: q.from, to: q.to,
      limit: q.limit ? Number(q.limit) : undefined, before: q.before ? Number(q.before) : undefined,
    });
    return { entries: entries.map(entryJson) };
  });

  app.get(getAudit.url, contractRoute(getAudit), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    return ctx.store.audit(ws.id);
  });
}
