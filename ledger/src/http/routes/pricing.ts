import type { Plan } from '../../../../shared-pricing/src/plans/types';
import { resolveWorkspace, type AppContext } from '../context';
import { priceBookOf } from '../pricing';
import { quoteStep } from '../quoteStep';
import { postEstimate, postQuote } from '../contract/pricing';
import { contractRoute, type LedgerApp } from '../contractRoute';

/** The plan rules a node applies before charging or guarding (the meter role may not read `/v1/plan`). */
function planRules(plan: Plan) {
  return { name: plan.name, priceBook: plan.priceBook, exhaustion: plan.exhaustion, editorRunsFree: plan.editorRunsFree, chargeFailedStep: plan.chargeFailedStep };
}

/** `POST /v1/quote` (price one step) and `POST /v1/estimates` (estimate a workflow): pricing stays in the ledger. */
export function pricingRoutes(app: LedgerApp, ctx: AppContext): void {
  app.post(postQuote.url, contractRoute(postQuote), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    const book = priceBookOf(ws.plan);
    const priced = quoteStep(request.body ?? {}, book);
    const free = request.body?.mode === 'manual' && ws.plan.editorRunsFree;
    return { ...priced, millicredits: free ? 0 : priced.millicredits, listMillicredits: priced.millicredits, free, plan: planRules(ws.plan) };
  });

  // Analysis is bounded (size, then a time budget off the event loop): see ../analysis.
  app.post(postEstimate.url, { ...contractRoute(postEstimate), bodyLimit: ctx.analyzer.limits.maxBytes }, async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    const { perExecution, nodes } = await ctx.analyzer.analyze(request.body.workflow, ws.plan.priceBook);
    const free = request.body.mode === 'manual' && ws.plan.editorRunsFree;
    return { millicredits: free ? 0 : perExecution.expected, perExecution, free, plan: planRules(ws.plan), nodes };
  });
}
