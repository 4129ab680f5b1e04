import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASIC, cli, REPO } from './support';

const WEBHOOK = `${BASIC}/paid-webhook.workflow.json`;
const ESCAPE = '\u001b[';

describe('n8n-credits text output', () => {
  describe('--quiet', () => {
    it('does drop warnings from the report and say how many it left out', async () => {
      const result = await cli(['lint', WEBHOOK, '--quiet']);
      assert.equal(result.stdout, '✔ 0 problems (0 errors, 0 warnings) in 1 file: 1 workflow, 0 not a workflow, 0 failed; 1 warning not shown (--quiet)\n');
    });

    it('does keep errors', async () => {
      const result = await cli(['lint', WEBHOOK, '--quiet', '--budget-execution', '1.5']);
      assert.match(result.stdout, /4:5 +error +expected cost per execution is 2 credits/);
      assert.doesNotMatch(result.stdout, /warning +"Webhook"/);
    });

    it('does drop warnings from the JSON report too, and still count them for --max-warnings', async () => {
      const result = await cli(['lint', WEBHOOK, '--quiet', '--format', 'json', '--max-warnings', '0']);
      const [file] = JSON.parse(result.stdout) as Array<{ messages: unknown[]; warningCount: number }>;
      assert.deepEqual([file?.messages, file?.warningCount, result.code], [[], 0, 1]);
    });
  });

  describe('colour', () => {
    const terminal = { isTTY: true, env: {} };

    it('does colour the report on a terminal', async () => {
      assert.ok((await cli(['lint', WEBHOOK], undefined, terminal)).stdout.includes(`${ESCAPE}33mwarning`));
      assert.ok((await cli(['estimate', WEBHOOK], undefined, terminal)).stdout.includes(`${ESCAPE}1m`));
    });

    it('does write no escape codes with --no-color on a terminal', async () => {
      for (const command of ['lint', 'estimate']) assert.ok(!(await cli([command, WEBHOOK, '--no-color'], undefined, terminal)).stdout.includes(ESCAPE), command);
    });

    it('does write no escape codes when NO_COLOR is set', async () => {
      for (const command of ['lint', 'estimate']) assert.ok(!(await cli([command, WEBHOOK], undefined, { isTTY: true, env: { NO_COLOR: '1' } })).stdout.includes(ESCAPE), command);
    });

    it('does write no escape codes when standard output is not a terminal', async () => {
      assert.ok(!(await cli(['lint', WEBHOOK])).stdout.includes(ESCAPE));
    });

    it('does colour with --color even into a pipe', async () => {
      assert.ok((await cli(['lint', WEBHOOK, '--color'])).stdout.includes(ESCAPE));
    });
  });

  describe('paths', () => {
    it('does print absolute paths for files named relative to a folder below', async () => {
      const result = await cli(['lint', '../../../' + WEBHOOK], join(REPO, 'test/cli/fixtures'));
      assert.equal(result.stdout.split('\n')[0], join(REPO, WEBHOOK));
    });
  });

  describe('--verbose', () => {
    it('does print a finding\'s detail under it', async () => {
      const config = join(REPO, 'test/cli/fixtures/estimate/strict.n8n-credits.json');
      const plain = await cli(['lint', 'test/cli/fixtures/corpus', '--config', config]);
      const verbose = await cli(['lint', 'test/cli/fixtures/corpus', '--config', config, '--verbose']);
      const line = /\n( +\d+:\d+ +warning +"[^"]+": \w+ = \d+ is a guess, not a bound +unbounded-item-count)\n/.exec(plain.stdout)?.[1];
      assert.ok(line, plain.stdout);
      assert.match(verbose.stdout, new RegExp(`${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n +the estimate multiplies what follows by it; `));
    });
  });
});
