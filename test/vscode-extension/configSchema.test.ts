import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parseCreditsConfig } from '../../shared-pricing/src/estimate/parseCreditsConfig';
import { creditsConfigSchema } from '../../shared-pricing/src/lint/creditsConfigSchema';
import { parseLintConfig } from '../../shared-pricing/src/lint/parseLintConfig';

const shipped = JSON.parse(readFileSync(join(__dirname, '../../vscode-extension/schemas/n8n-credits.schema.json'), 'utf8'));
// strictTuples off: a rule setting is a tuple of one or two ([severity] or [severity, options]), which is intended.
const validate = new Ajv({ allErrors: true, strict: true, strictTuples: false }).compile(shipped);

/** What the CLI and the extension do with the file: the estimator's config, then the lint rules in it. */
function loaderAccepts(value: unknown): boolean {
  try {
    return parseLintConfig(parseCreditsConfig(JSON.stringify(value))).ok;
  } catch {
    return false;
  }
}

const VALID: Array<[string, unknown]> = [
  ['an empty file', {}],
  ['a $schema of any kind', { $schema: './schema.json' }],
  ['defaults, workflows with nodes and nodes', { defaults: { itemsPerTrigger: 5, branchShare: 0.25, agentIterations: 1 }, workflows: { Leads: { runsPerMonth: 3000, nodes: { Fetch: { itemsPerRun: 2.5 } } } }, nodes: { Split: { itemsPerFanOut: 0, branchShares: [0.1, 0.9] } } }],
  ['budgets in integer millicredits', { budgets: { perExecution: 0, perMonth: 5_000_000 } }],
  ['a price book', { priceBook: 'twenty' }],
  ['rules by severity and with options', { rules: { 'ai-in-loop': 'off', 'budget-per-execution': ['error', { credits: 2.5, basis: 'max' }], 'unbounded-item-count': ['warning'] } }],
];

const INVALID: Array<[string, unknown]> = [
  ['an unknown top-level key', { default: {} }],
  ['an unknown assumption', { defaults: { itemsPerTriger: 5 } }],
  ['a share over 1', { defaults: { branchShare: 1.5 } }],
  ['agent iterations below 1', { nodes: { Agent: { agentIterations: 0.5 } } }],
  ['a negative count', { defaults: { runsPerMonth: -1 } }],
  ['a count as a string', { defaults: { maxItems: '10' } }],
  ['nodes inside a node section', { nodes: { A: { nodes: {} } } }],
  ['empty branch shares', { defaults: { branchShares: [] } }],
  ['a budget in credits with decimals', { budgets: { perExecution: 2.5 } }],
  ['an unknown budget', { budgets: { perDay: 100 } }],
  ['an empty price book name', { priceBook: '' }],
  ['an unknown rule', { rules: { 'no-such-rule': 'error' } }],
  ['an unknown severity', { rules: { 'ai-in-loop': 'warn' } }],
  ['an empty rule setting', { rules: { 'ai-in-loop': [] } }],
  ['three elements in a rule setting', { rules: { 'ai-in-loop': ['error', {}, {}] } }],
  ['an unknown rule option', { rules: { 'budget-per-execution': ['error', { credit: 2 }] } }],
  ['an option outside its enum', { rules: { 'budget-per-execution': ['error', { basis: 'average' }] } }],
  ['an option below its minimum', { rules: { 'budget-per-execution': ['error', { credits: -1 }] } }],
  ['a workflow section that is not an object', { workflows: { Leads: 5 } }],
  ['rules that are a list', { rules: ['ai-in-loop'] }],
];

describe('the .n8n-credits.json schema the extension ships', () => {
  it('is the schema built from the loaders\' rules (run `npm run schema:config` after changing them)', () => {
    assert.deepEqual(shipped, creditsConfigSchema());
  });

  for (const [what, value] of VALID) {
    it(`accepts ${what}, as the loaders do`, () => {
      assert.deepEqual([validate(value), loaderAccepts(value)], [true, true], JSON.stringify(validate.errors));
    });
  }

  for (const [what, value] of INVALID) {
    it(`refuses ${what}, as the loaders do`, () => {
      assert.deepEqual([validate(value), loaderAccepts(value)], [false, false]);
    });
  }
});
