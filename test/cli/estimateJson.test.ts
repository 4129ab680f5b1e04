import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASIC, cli, REPO } from './support';

const HOURLY = `${BASIC}/hourly.workflow.json`;
const PRICED = 'test/cli/fixtures/estimate/priced.workflow.json';

interface EstimateDoc {
  version: number;
  priceBook: string;
  workflows: Array<Record<string, unknown> & { nodes: Array<Record<string, unknown>> }>;
}

describe('n8n-credits estimate --format json', () => {
  it('does write version 2 with absolute paths and amounts in fields named millicredits', async () => {
    const doc = JSON.parse((await cli(['estimate', HOURLY, '--format', 'json'])).stdout) as EstimateDoc;
    const [workflow] = doc.workflows;
    assert.deepEqual([doc.version, doc.priceBook, doc.workflows.length], [2, 'default', 1]);
    // Hourly sync: one HTTP Request at 1 credit a run, every hour for 30 days = 720 runs.
    assert.deepEqual(
      { file: workflow?.file, workflow: workflow?.workflow, name: workflow?.name, perExecutionMillicredits: workflow?.perExecutionMillicredits, monthly: { ...(workflow?.monthly as object), triggers: undefined } },
      {
        file: join(REPO, HOURLY),
        workflow: true,
        name: 'Hourly sync',
        perExecutionMillicredits: { expected: 1000, min: 1000, max: 1000 },
        monthly: { runs: { expected: 720, min: 720, max: 720 }, basis: 'every 1 h × 30 days', millicredits: { expected: 720000, min: 720000, max: 720000 }, triggers: undefined },
      },
    );
    assert.equal(JSON.stringify(doc).includes('"credits"'), false, 'no field named credits');
  });

  it('does give each node its price: class, rate, fallback marks and model', async () => {
    const doc = JSON.parse((await cli(['estimate', PRICED, '--format', 'json'])).stdout) as EstimateDoc;
    const byName = Object.fromEntries((doc.workflows[0]?.nodes ?? []).map((n) => [n.name, n]));
    // Default price book: app 1000 per run (the fallback class); gpt-4o-mini 150 / 600 per 1K tokens; fallback
    // model rates 3000 / 15000; a chain is ai-agent, 200 per run.
    assert.deepEqual(byName.Mystery?.price, { class: 'app', fallbackClass: true, unit: 'run', rateMillicredits: 1000 });
    assert.deepEqual(byName.Summarise?.price, { class: 'ai-agent', fallbackClass: false, unit: 'run', rateMillicredits: 200, model: 'gpt-4o-mini', modelFallback: false, modelMillicreditsPer1kTokens: { input: 150, output: 600 } });
    assert.deepEqual(byName.Guess?.price, { class: 'ai-llm', fallbackClass: false, unit: 'tokens', model: 'gpt-9-ultra', modelFallback: true, modelMillicreditsPer1kTokens: { input: 3000, output: 15000 } });
    // Draft: 200 + 1000 × 3 + 300 × 15 = 7700 with its model; its own run 200.
    assert.deepEqual([byName.Draft?.millicredits, byName.Draft?.totalMillicredits], [{ expected: 200, min: 200, max: 200 }, { expected: 7700, min: 7700, max: 7700 }]);
    assert.deepEqual(Object.keys(byName.Draft ?? {}), ['name', 'type', 'line', 'column', 'disabled', 'reachable', 'price', 'runs', 'itemsPerRun', 'items', 'millicredits', 'totalMillicredits', 'multipliedBy', 'loops', 'assumptions', 'findings']);
  });

  it('does keep --json as a deprecated alias of --format json that says so on standard error', async () => {
    const alias = await cli(['estimate', HOURLY, '--json']);
    const format = await cli(['estimate', HOURLY, '--format', 'json']);
    assert.deepEqual([alias.code, alias.stdout], [0, format.stdout]);
    assert.equal(alias.stderr, 'n8n-credits estimate: --json is deprecated; use --format json\n');
    assert.equal(format.stderr, '');
  });

  it('does give a file that cannot be analysed its reason and no costs', async () => {
    const doc = JSON.parse((await cli(['estimate', HOURLY, `${BASIC}/settings.json`, '--format', 'json'])).stdout) as EstimateDoc;
    assert.deepEqual([doc.workflows[1]?.file, doc.workflows[1]?.workflow, doc.workflows[1]?.perExecutionMillicredits], [join(REPO, BASIC, 'settings.json'), false, { expected: 0, min: 0, max: 0 }]);
  });
});
