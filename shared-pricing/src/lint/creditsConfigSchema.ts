import { ASSUMPTION_KINDS, DEFAULT_ASSUMPTIONS } from '../estimate/defaultAssumptions';
import { ASSUMPTION_KEYS, TOP_KEYS } from '../estimate/parseCreditsConfig';
import { SEVERITIES } from './parseLintConfig';
import { rules as registry } from './rules';
import type { LintRule, RuleOptionSchema } from './types';

type JsonSchema = Record<string, unknown>;

/** Integers the loaders accept are safe integers (`Number.isSafeInteger`). */
const SAFE = Number.MAX_SAFE_INTEGER;

function assumptionSchema(key: string): JsonSchema {
  const fallback = (DEFAULT_ASSUMPTIONS as Record<string, number>)[key];
  const def = fallback === undefined ? '' : ` Default ${fallback}.`;
  if (key === 'branchShares') return { type: 'array', minItems: 1, items: { type: 'number', minimum: 0, maximum: 1 }, description: 'Share (0 to 1) of items per output of a Switch, IF or Filter, by output index.' };
  const kind = ASSUMPTION_KINDS[key] ?? 'count';
  if (kind === 'share') return { type: 'number', minimum: 0, maximum: 1, description: `A share from 0 to 1.${def}` };
  if (kind === 'positive') return { type: 'number', minimum: 1, description: `A number ≥ 1.${def}` };
  return { type: 'number', minimum: 0, description: `A number ≥ 0.${def}` };
}

function assumptions(extra: Record<string, JsonSchema> = {}): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const key of ASSUMPTION_KEYS) properties[key] = assumptionSchema(key);
  return { type: 'object', additionalProperties: false, properties: { ...properties, ...extra } };
}

function optionSchema(spec: RuleOptionSchema): JsonSchema {
  const base = { description: spec.description, ...(spec.default === undefined ? {} : { default: spec.default }) };
  if (spec.type === 'boolean') return { ...base, type: 'boolean' };
  if (spec.type === 'string') return spec.enum ? { ...base, enum: [...spec.enum] } : { ...base, type: 'string', minLength: 1 };
  if (spec.type === 'integer') return { ...base, type: 'integer', minimum: spec.minimum ?? -SAFE, maximum: SAFE };
  return { ...base, type: 'number', ...(spec.minimum === undefined ? {} : { minimum: spec.minimum }) };
}

function ruleSchema(rule: LintRule): JsonSchema {
  const severity = { enum: [...SEVERITIES] };
  const options = { type: 'object', additionalProperties: false, properties: Object.fromEntries(Object.entries(rule.meta.options).map(([name, spec]) => [name, optionSchema(spec)])) };
  return {
    description: `${rule.meta.description} Default: ${rule.meta.defaultSeverity}.`,
    anyOf: [severity, { type: 'array', minItems: 1, maxItems: 2, items: [severity, options] }],
  };
}

/**
 * The JSON Schema (draft-07, which every VS Code reads) of `.n8n-credits.json`, built from the rules the
 * loaders apply — `parseCreditsConfig`'s keys and assumption kinds, `parseLintConfig`'s severities and each lint
 * rule's options — so the editor's checks and the loaders' cannot drift apart. The extension ships it.
 */
export function creditsConfigSchema(rules: readonly LintRule[] = registry): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    $schema: { description: 'The schema this file follows (any value; the loaders ignore it).' },
    defaults: { ...assumptions(), description: 'Assumptions for every workflow (over the built-in defaults).' },
    workflows: {
      type: 'object', description: 'Assumptions by workflow name, id or file name.',
      additionalProperties: assumptions({ nodes: { type: 'object', description: 'Assumptions by node name, in this workflow.', additionalProperties: assumptions() } }),
    },
    nodes: { type: 'object', description: 'Assumptions by node name, in any workflow.', additionalProperties: assumptions() },
    budgets: {
      type: 'object', additionalProperties: false, description: 'Budgets for the budget lint rules, in integer millicredits (1 credit = 1000).',
      properties: {
        perExecution: { type: 'integer', minimum: 0, maximum: SAFE, description: 'Millicredits per execution.' },
        perMonth: { type: 'integer', minimum: 0, maximum: SAFE, description: 'Millicredits per month.' },
      },
    },
    priceBook: { type: 'string', minLength: 1, description: 'A price-book preset name or the path of a price-book file.' },
    rules: {
      type: 'object', additionalProperties: false, description: 'Lint rule severities: "off", "warning" or "error", or [severity, options].',
      properties: Object.fromEntries(rules.map((r) => [r.meta.id, ruleSchema(r)])),
    },
  };
  const missing = TOP_KEYS.filter((k) => !(k in properties));
  if (missing.length > 0) throw new Error(`creditsConfigSchema: no schema for ${missing.join(', ')}`);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'urn:n8n-credits:config-schema:1',
    title: '.n8n-credits.json',
    description: 'n8n Credits estimate assumptions, budgets and lint rules (docs/assumptions.md).',
    type: 'object',
    additionalProperties: false,
    properties,
  };
}
