import type { FastifyInstance } from 'fastify';
import { analyzeWorkflow } from '../../../../shared-pricing/src/estimate/analyzeWorkflow';
import type { Plan } from '../../../../shared-pricing/src/plans/types';
import { resolveWorkspace, type AppContext } from '../context';
import { priceBookOf } from '../pricing';
import { quoteStep, type QuoteBody } from '../quoteStep';
import { millicredits, nullableText, okObject, shortText, workspaceQuery } from '../schemas';

const tokenCounts = {
  type: 'object',
  required: ['input', 'output'],
  additionalProperties: false,
  properties: { input: { type: 'integer', minimum: 0 }, output: { type: 'integer', minimum: 0 } },
} as const;

/** The plan rules a node applies before charging or guarding (the meter role may not read `/v1/plan`). */
function planRules(plan: Plan) {
  return { name: plan.name, priceBook: plan.priceBook, exhaustion: plan.exhaustion, editorRunsFree: plan.editorRunsFree, chargeFailedStep: plan.chargeFailedStep };
}

/** `POST /v1/quote` (price one step) and `POST /v1/estimates` (estimate a workflow): pricing stays in the ledger. */
export function pricingRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Body: QuoteBody }>('/v1/quote', {
    config: { roles: ['admin', 'member', 'meter'] },
    schema: {
      tags: ['usage'],
      summary: 'Price one step with the workspace plan\'s price book (nothing is recorded)',
      description: 'A fixed `millicredits`, a `nodeType` (with its operation/resource and items), or `tokens` of a `model`. An editor run (`mode: manual`) is free when the plan says so. The answer carries the plan rules the n8n nodes apply.',
      querystring: workspaceQuery,
      body: {
        type: 'object',
        additionalProperties: false,
        properties: {
          mode: nullableText, millicredits, nodeType: shortText, operation: nullableText, resource: nullableText,
          items: { type: 'integer', minimum: 0, maximum: 1_000_000_000 }, model: nullableText, tokens: { ...tokenCounts, type: ['object', 'null'] },
        },
      },
      response: { 200: okObject('The price of the step and the plan rules') },
    },
  }, async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    const book = priceBookOf(ws.plan);
    const priced = quoteStep(request.body ?? {}, book);
    const free = request.body?.mode === 'manual' && ws.plan.editorRunsFree;
    return { ...priced, millicredits: free ? 0 : priced.millicredits, listMillicredits: priced.millicredits, free, plan: planRules(ws.plan) };
  });

  app.post<{ Body: { workflow: Record<string, unknown>; mode?: string | null } }>('/v1/estimates', {
    config: { roles: ['admin', 'member', 'meter'] },
    schema: {
      tags: ['usage'],
      summary: 'Estimate what one execution of a workflow costs, with the workspace plan\'s price book',
      querystring: workspaceQuery,
      body: {
        type: 'object',
        required: ['workflow'],
        additionalProperties: false,
        properties: { workflow: { type: 'object', required: ['nodes', 'connections'], properties: { nodes: { type: 'array', maxItems: 5000 }, connections: { type: 'object' } } }, mode: nullableText },
      },
      response: { 200: okObject('The estimate per execution (expected, min, max) and the plan rules') },
    },
  }, async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    const book = priceBookOf(ws.plan);
    const analysis = analyzeWorkflow(JSON.stringify(request.body.workflow), book);
    const free = request.body.mode === 'manual' && ws.plan.editorRunsFree;
    const perExecution = analysis.perExecution;
    return {
      millicredits: free ? 0 : perExecution.expected, perExecution, free, plan: planRules(ws.plan),
      nodes: analysis.nodes.map((n) => ({ name: n.name, type: n.type, millicredits: n.credits.expected })),
    };
  });
}
