import { messages, PricingError } from '../errors';
import { childPath, Checker } from '../validation/checker';
import { parseJsonDocument } from '../validation/parseJsonDocument';
import { isValidAssumption } from './defaultAssumptions';
import type { AssumptionConfig, Assumptions } from './types';

/** The assumptions a section of `.n8n-credits.json` may set. */
export const ASSUMPTION_KEYS = ['itemsPerTrigger', 'itemsPerFanOut', 'itemsPerRun', 'branchShare', 'branchShares', 'agentIterations', 'inputTokensPerCall', 'outputTokensPerCall', 'runsPerMonth', 'manualRunsPerMonth', 'maxItems'] as const;
/** The top-level keys of `.n8n-credits.json`. */
export const TOP_KEYS = ['$schema', 'defaults', 'workflows', 'nodes', 'budgets', 'priceBook', 'rules'] as const;

/**
 * Parses `.n8n-credits.json` text (comments allowed). Throws a `PricingError` with the line of a
 * syntax error, or with the JSON path and reason of every invalid value (`$.nodes.HTTP.branchShare:
 * expected a number from 0 to 1`), so a typo is never silently ignored.
 */
export function parseCreditsConfig(text: string): AssumptionConfig {
  const value = parseJsonDocument(text, '.n8n-credits.json');
  const check = new Checker();
  if (!check.object('$', value)) throw invalid(check);
  check.noUnknownKeys('$', value, TOP_KEYS);
  const config: AssumptionConfig = {};
  if (value.defaults !== undefined) config.defaults = assumptions(check, '$.defaults', value.defaults, false);
  if (value.nodes !== undefined && check.object('$.nodes', value.nodes)) {
    config.nodes = {};
    for (const [name, v] of Object.entries(value.nodes)) config.nodes[name] = assumptions(check, childPath('$.nodes', name), v, false);
  }
  if (value.workflows !== undefined && check.object('$.workflows', value.workflows)) {
    config.workflows = {};
    for (const [name, v] of Object.entries(value.workflows)) {
      const path = childPath('$.workflows', name);
      const section: Assumptions & { nodes?: Record<string, Assumptions> } = assumptions(check, path, v, true);
      if (check.object(path, v) && v.nodes !== undefined && check.object(`${path}.nodes`, v.nodes)) {
        section.nodes = {};
        for (const [node, a] of Object.entries(v.nodes)) section.nodes[node] = assumptions(check, childPath(`${path}.nodes`, node), a, false);
      }
      config.workflows[name] = section;
    }
  }
  if (value.budgets !== undefined && check.object('$.budgets', value.budgets)) {
    check.noUnknownKeys('$.budgets', value.budgets, ['perExecution', 'perMonth']);
    config.budgets = {};
    for (const key of ['perExecution', 'perMonth'] as const) {
      const v = value.budgets[key];
      if (v !== undefined && check.integer(`$.budgets.${key}`, v)) config.budgets[key] = v;
    }
  }
  if (value.priceBook !== undefined && check.string('$.priceBook', value.priceBook)) config.priceBook = value.priceBook;
  if (value.rules !== undefined && check.object('$.rules', value.rules)) config.rules = value.rules;
  if (check.issues.length > 0) throw invalid(check);
  return config;
}

function assumptions(check: Checker, path: string, value: unknown, allowNodes: boolean): Assumptions {
  const out: Assumptions = {};
  if (!check.object(path, value)) return out;
  check.noUnknownKeys(path, value, allowNodes ? [...ASSUMPTION_KEYS, 'nodes'] : ASSUMPTION_KEYS);
  for (const key of ASSUMPTION_KEYS) {
    const v = value[key];
    if (v === undefined) continue;
    if (isValidAssumption(key, v)) (out as Record<string, unknown>)[key] = v;
    else check.fail(`${path}.${key}`, key === 'branchShare' ? 'expected a number from 0 to 1' : key === 'branchShares' ? 'expected a list of numbers from 0 to 1' : key === 'agentIterations' ? 'expected a number ≥ 1' : 'expected a number ≥ 0');
  }
  return out;
}

function invalid(check: Checker): PricingError {
  return new PricingError('invalid-document', messages.invalidDocument('.n8n-credits.json', check.issues), check.issues);
}
