import type { FastifyInstance } from 'fastify';
import { helperChargesDue } from '../../../../shared-pricing/src/accounting/helperChargesDue';
import { analyzeWorkflow } from '../../../../shared-pricing/src/estimate/analyzeWorkflow';
import { amountForUnits } from '../../../../shared-pricing/src/execution/amountForUnits';
import { classifyNode } from '../../../../shared-pricing/src/price-book/classifyNode';
import { priceTokens } from '../../../../shared-pricing/src/price-book/priceTokens';
import { resolveModel } from '../../../../shared-pricing/src/price-book/resolveModel';
import type { PriceBook } from '../../../../shared-pricing/src/price-book/types';
import type { Plan } from '../../../../shared-pricing/src/plans/types';
import { resolveWorkspace, type AppContext } from '../context';
import { ApiError } from '../errors';
import { priceBookOf } from '../pricing';
import { millicredits, nullableText, okObject, shortText, workspaceQuery } from '../schemas';

interface QuoteBody {
  mode?: string | null;
  millicredits?: number;
  nodeType?: string;
  operation?: string | null;
  resource?: string | null;
  items?: number;
  model?: string | null;
  tokens?: { input: number; output: number } | null;
}

interface Quote {
  millicredits: number;
  kind: 'fixed' | 'run' | 'item' | 'execution' | 'helper' | 'tokens';
  reason: string;
  className?: string;
  model?: string;
}

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

/** Prices one step with the workspace's price book: a fixed amount, a node type's class, or tokens of a model. */
function quote(body: QuoteBody, book: PriceBook): Quote {
  if (body.millicredits !== undefined) return { millicredits: body.millicredits, kind: 'fixed', reason: `fixed amount of ${body.millicredits} mc` };
  if (body.nodeType === undefined) {
    if (!body.tokens) throw new ApiError(400, 'invalid_request', 'send millicredits, nodeType, or tokens with a model', 'nodeType');
    return tokenQuote(body.tokens, body.model ?? undefined, book, 'tokens');
  }
  const parameters: Record<string, unknown> = {};
  if (body.operation) parameters.operation = body.operation;
  if (body.resource) parameters.resource = body.resource;
  const { className, costClass } = classifyNode({ type: body.nodeType, parameters }, book);
  const items = body.items ?? 1;
  switch (costClass.unit) {
    case 'run':
    case 'execution':
      return { millicredits: amountForUnits(costClass, 1), kind: costClass.unit, className, reason: `${className}: ${costClass.rate} mc per ${costClass.unit}` };
    case 'item':
      return { millicredits: amountForUnits(costClass, items), kind: 'item', className, reason: `${className}: ${items} item(s) × ${costClass.rate} mc` };
    case 'helper':
      // Without the workspace counter a quote charges the helper's share once per `every` runs, as the first run would.
      return { millicredits: costClass.rate * helperChargesDue(0, 1, costClass.every ?? 1), kind: 'helper', className, reason: `${className}: ${costClass.rate} mc every ${costClass.every ?? 1} helper runs` };
    case 'tokens':
      if (!body.tokens) throw new ApiError(400, 'invalid_request', `node type "${body.nodeType}" is priced by tokens: send tokens {input, output} and a model`, 'tokens');
      return { ...tokenQuote(body.tokens, body.model ?? undefined, book, 'tokens'), className };
  }
}

function tokenQuote(tokens: { input: number; output: number }, model: string | undefined, book: PriceBook, kind: 'tokens'): Quote {
  const resolved = resolveModel(model, book);
  const why = resolved.fallback ? `unknown model "${resolved.model}" at the fallback rate` : resolved.model;
  return {
    millicredits: priceTokens(resolved.rate, tokens.input, tokens.output), kind, model: resolved.model,
    reason: `${tokens.input} input + ${tokens.output} output tokens of ${why} (${resolved.rate.input}/${resolved.rate.output} mc per 1K)`,
  };
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
    const priced = quote(request.body ?? {}, book);
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
