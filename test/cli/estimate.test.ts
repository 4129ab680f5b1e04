import assert from 'node:assert/strict';
import { BASIC, cli } from './support';

describe('n8n-credits estimate', () => {
  it('does print per execution, per month with its basis, and the top nodes', async () => {
    const result = await cli(['estimate', `${BASIC}/hourly.workflow.json`]);
    assert.equal(result.code, 0);
    assert.equal(
      result.stdout,
      [
        `${BASIC}/hourly.workflow.json — Hourly sync`,
        '  per execution  1 credits',
        '  per month      720 credits (720 runs: every 1 h × 30 days)',
        '  top nodes',
        '    node  runs  credits/execution  multiplied by',
        '    Sync  1     1                  -',
        '',
        '',
      ].join('\n'),
    );
  });

  it('does list the assumptions an estimate used', async () => {
    const result = await cli(['estimate', `${BASIC}/paid-webhook.workflow.json`]);
    assert.match(result.stdout, /  per month      2000 credits \(1000 runs: .*\)\n/);
    assert.match(result.stdout, /  assumptions\n    Webhook: runsPerMonth = 1000 \(default\)\n/);
  });

  it('does limit the top nodes with --top', async () => {
    const result = await cli(['estimate', `${BASIC}/paid-webhook.workflow.json`, '--top', '1']);
    assert.match(result.stdout, /    Enrich  1     1                  -\n  assumptions/);
  });

  it('does give a file that is not a workflow a one-line reason with its line', async () => {
    const result = await cli(['estimate', `${BASIC}/hourly.workflow.json`, `${BASIC}/settings.json`]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, new RegExp(`\\n${BASIC}/settings\\.json:1: not an n8n workflow: it has no "nodes" array\\n$`));
  });

  it('does print the analyses as JSON with --json', async () => {
    const result = await cli(['estimate', `${BASIC}/hourly.workflow.json`, '--json']);
    const [first] = JSON.parse(result.stdout) as Array<{ file: string; analysis: { name: string; perExecution: unknown; monthly: { runsPerMonth: unknown } } }>;
    assert.equal(first?.file, `${BASIC}/hourly.workflow.json`);
    assert.deepEqual([first?.analysis.name, first?.analysis.perExecution, first?.analysis.monthly.runsPerMonth], ['Hourly sync', { expected: 1000, min: 1000, max: 1000 }, { expected: 720, min: 720, max: 720 }]);
  });

  it('does include a sub-workflow found beside the caller by its id', async () => {
    const result = await cli(['estimate', 'test/cli/fixtures/subworkflow/parent.workflow.json', '--json']);
    const [parent] = JSON.parse(result.stdout) as Array<{ analysis: { perExecution: { expected: number }; nodes: Array<{ name: string; subWorkflow?: { name: string } }> } }>;
    // 0.1 credit to start the sub-workflow + 1 credit for its HTTP Request.
    assert.equal(parent?.analysis.perExecution.expected, 1100);
    assert.equal(parent?.analysis.nodes.find((n) => n.name === 'Call child')?.subWorkflow?.name, 'Child');
  });

  it('does exit 2 when no file is a workflow', async () => {
    assert.equal((await cli(['estimate', `${BASIC}/settings.json`])).code, 2);
  });
});
