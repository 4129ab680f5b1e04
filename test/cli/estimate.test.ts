import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASIC, cli, REPO } from './support';

const PRICED = 'test/cli/fixtures/estimate/priced.workflow.json';

describe('n8n-credits estimate', () => {
  it('does print per execution, per month with its basis, and the top nodes with class, rate and model', async () => {
    const result = await cli(['estimate', `${BASIC}/hourly.workflow.json`]);
    assert.equal(result.code, 0);
    assert.equal(
      result.stdout,
      [
        `${join(REPO, BASIC)}/hourly.workflow.json — Hourly sync`,
        '  per execution  1 credits',
        '  per month      720 credits (720 runs: every 1 h × 30 days)',
        '  top nodes',
        '    node  class  rate (credits)  model  runs  credits/execution  multiplied by',
        '    Sync  http   1/run           -      1     1                  -',
        '',
        '',
      ].join('\n'),
    );
  });

  it('does mark fallback prices and name the model each AI step was priced at, rounded for reading', async () => {
    const result = await cli(['estimate', PRICED]);
    // By hand, default price book, 1000 input and 300 output tokens per call (the default assumptions):
    // Summarise: chain 0.2 + gpt-4o-mini (0.15 + 0.6 × 0.3 = 0.33) = 0.53; Mystery: unknown type, fallback class
    // app, 1; Draft: chain 0.2 + unknown model at fallback rates (3 + 15 × 0.3 = 7.5) = 7.7; total 9.23; × 1000 runs.
    assert.equal(
      result.stdout.split('\n  assumptions')[0],
      [
        `${join(REPO, PRICED)} — Priced`,
        '  per execution  9.23 credits',
        '  per month      9,230 credits (1000 runs: runsPerMonth = 1000 (assumption))',
        '  top nodes',
        '    node       class     rate (credits)  model         runs  credits/execution  multiplied by',
        '    Draft      ai-agent  0.2/run         gpt-9-ultra*  1     7.7                -',
        '    Mystery    app*      1/run           -             1     1                  -',
        '    Summarise  ai-agent  0.2/run         gpt-4o-mini   1     0.53               -',
        '    * fallback price: the price book has no rule for this node type, or does not know this model',
      ].join('\n'),
    );
  });

  it('does list the assumptions an estimate used', async () => {
    const result = await cli(['estimate', `${BASIC}/paid-webhook.workflow.json`]);
    assert.match(result.stdout, /  per month      2,000 credits \(1000 runs: .*\)\n/);
    assert.match(result.stdout, /  assumptions\n    Webhook: runsPerMonth = 1000 \(default\)\n/);
  });

  it('does limit the top nodes with --top', async () => {
    const result = await cli(['estimate', `${BASIC}/paid-webhook.workflow.json`, '--top', '1']);
    assert.match(result.stdout, /    Enrich  http   1\/run           -      1     1                  -\n  assumptions/);
  });

  it('does give a file that is not a workflow a one-line reason with its line, by absolute path', async () => {
    const result = await cli(['estimate', `${BASIC}/hourly.workflow.json`, `${BASIC}/settings.json`]);
    assert.equal(result.code, 0);
    assert.ok(result.stdout.endsWith(`\n${join(REPO, BASIC)}/settings.json:1: not an n8n workflow: it has no "nodes" array\n`), result.stdout);
  });

  it('does include a sub-workflow found beside the caller by its id', async () => {
    const result = await cli(['estimate', 'test/cli/fixtures/subworkflow/parent.workflow.json', '--format', 'json']);
    const { workflows } = JSON.parse(result.stdout) as { workflows: Array<{ perExecutionMillicredits: { expected: number }; nodes: Array<{ name: string; subWorkflow?: { name: string } }> }> };
    // 0.1 credit to start the sub-workflow + 1 credit for its HTTP Request.
    assert.equal(workflows[0]?.perExecutionMillicredits.expected, 1100);
    assert.equal(workflows[0]?.nodes.find((n) => n.name === 'Call child')?.subWorkflow?.name, 'Child');
  });

  it('does exit 2 when no file is a workflow', async () => {
    assert.equal((await cli(['estimate', `${BASIC}/settings.json`])).code, 2);
  });
});
