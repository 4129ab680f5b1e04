import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASIC, cli, REPO, tempDir } from './support';

const WEBHOOK = `${BASIC}/paid-webhook.workflow.json`;
const HOURLY = `${BASIC}/hourly.workflow.json`;

/** `--format json`: ESLint's results array (see eslintJson.test.ts for every field). */
type JsonReport = Array<{
  filePath: string;
  errorCount: number;
  warningCount: number;
  messages: Array<{ ruleId: string; severity: 1 | 2; line: number; message: string }>;
  n8nCredits: { workflow: boolean; name?: string; perExecutionMillicredits?: unknown; change?: Record<string, unknown> };
}>;
const SEVERITY = { 1: 'warning', 2: 'error' } as const;

describe('n8n-credits lint', () => {
  describe('exit codes', () => {
    it('does exit 0 for a workflow with warnings only and print them stylish', async () => {
      const result = await cli(['lint', WEBHOOK]);
      assert.equal(result.code, 0);
      assert.equal(
        result.stdout,
        `${join(REPO, WEBHOOK)}\n  4:5  warning  "Webhook" lets callers start a workflow that costs 2 credits per execution, with no Credits node doing a "guard"; add one before the paid steps  unguarded-paid-webhook\n\n` +
          '✖ 1 problem (0 errors, 1 warning) in 1 file: 1 workflow, 0 not a workflow, 0 failed\n',
      );
    });

    it('does exit 0 and print a check mark for a clean workflow', async () => {
      const result = await cli(['lint', HOURLY]);
      assert.deepEqual([result.code, result.stdout], [0, '✔ 0 problems (0 errors, 0 warnings) in 1 file: 1 workflow, 0 not a workflow, 0 failed\n']);
    });

    it('does exit 1 when a workflow is over --budget-execution', async () => {
      const result = await cli(['lint', WEBHOOK, '--budget-execution', '1.5']);
      assert.equal(result.code, 1);
      assert.match(result.stdout, /4:5 +error +expected cost per execution is 2 credits, over the budget of 1\.5 credits; the most expensive node is "Enrich" \(1 credits\) +budget-per-execution/);
    });

    it('does exit 0 when the workflow is within --budget-month', async () => {
      const result = await cli(['lint', HOURLY, '--budget-month', '720']);
      assert.equal(result.code, 0);
    });

    it('does exit 1 when the projection is over --budget-month', async () => {
      const result = await cli(['lint', HOURLY, '--budget-month', '719.999', '--format', 'json']);
      const report = JSON.parse(result.stdout) as JsonReport;
      assert.equal(result.code, 1);
      assert.deepEqual(report[0]?.messages.map((f) => [f.ruleId, SEVERITY[f.severity], f.message]), [
        ['budget-per-month', 'error', 'expected cost per month is 720 credits (720 runs: every 1 h × 30 days), over the budget of 719.999 credits'],
      ]);
    });

    it('does exit 1 when warnings exceed --max-warnings', async () => {
      assert.equal((await cli(['lint', WEBHOOK, '--max-warnings', '0'])).code, 1);
    });

    it('does exit 0 when warnings equal --max-warnings', async () => {
      assert.equal((await cli(['lint', WEBHOOK, '--max-warnings', '1'])).code, 0);
    });

    it('does exit 2 for an unknown option', async () => {
      const result = await cli(['lint', WEBHOOK, '--no-such-option']);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /unknown option '--no-such-option'/);
    });

    it('does exit 2 for an unknown format', async () => {
      assert.equal((await cli(['lint', WEBHOOK, '--format', 'xml'])).code, 2);
    });

    it('does exit 2 for a --max-warnings that is not a whole number', async () => {
      const result = await cli(['lint', WEBHOOK, '--max-warnings', 'many']);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /expected a whole number ≥ 0/);
    });

    it('does exit 2 for a negative budget', async () => {
      assert.equal((await cli(['lint', WEBHOOK, '--budget-execution', '-1'])).code, 2);
    });

    it('does exit 2 when a pattern matches no file', async () => {
      const result = await cli(['lint', 'test/cli/fixtures/nowhere/*.json']);
      assert.deepEqual([result.code, result.stderr], [2, 'n8n-credits: no files match "test/cli/fixtures/nowhere/*.json"\n']);
    });

    it('does exit 2 when no file is a workflow', async () => {
      const result = await cli(['lint', `${BASIC}/settings.json`, `${BASIC}/notes.json`]);
      assert.equal(result.code, 2);
      assert.equal(result.stderr, 'n8n-credits: none of the files is an n8n workflow\n');
    });

    it('does exit 2 without arguments, printing the usage', async () => {
      const result = await cli([]);
      assert.equal(result.code, 2);
      assert.match(result.stdout, /^Usage: n8n-credits/);
    });
  });

  describe('files that are not workflows', () => {
    it('does give JSON that is not a workflow a one-line warning with its line, and keep linting the others', async () => {
      const report = JSON.parse((await cli(['lint', BASIC, '--format', 'json'])).stdout) as JsonReport;
      const byFile = Object.fromEntries(report.map((f) => [f.filePath.split('/').pop(), f.messages.map((x) => `${x.ruleId} ${SEVERITY[x.severity]} ${x.line}: ${x.message}`)]));
      assert.deepEqual(byFile['settings.json'], ['invalid-workflow warning 1: not an n8n workflow: it has no "nodes" array; nothing to estimate']);
      assert.deepEqual(byFile['paid-webhook.workflow.json']?.length, 1);
    });

    // Regression (issue 20): broken JSON was an invalid-workflow warning and the run exited 0.
    it('does make broken JSON an invalid-json error with its line, and exit 1', async () => {
      const result = await cli(['lint', BASIC, '--format', 'json']);
      const report = JSON.parse(result.stdout) as JsonReport;
      const byFile = Object.fromEntries(report.map((f) => [f.filePath.split('/').pop(), f.messages.map((x) => `${x.ruleId} ${SEVERITY[x.severity]} ${x.line}: ${x.message}`)]));
      assert.deepEqual([byFile['notes.json'], byFile['truncated.json']], [
        ['invalid-json error 1: workflow is not valid JSON at line 1, column 1: InvalidSymbol'],
        ['invalid-json error 5: workflow is not valid JSON at line 5, column 1: CloseBraceExpected'],
      ]);
      // hourly, notes, paid-webhook, settings, truncated: [is a workflow, errors, warnings].
      assert.deepEqual([result.code, report.map((f) => [f.n8nCredits.workflow, f.errorCount, f.warningCount])], [1, [[true, 0, 0], [false, 1, 0], [true, 0, 1], [false, 0, 1], [true, 1, 0]]]);
    });
  });

  describe('output', () => {
    it('does write JSON with absolute files, lines and costs in millicredits', async () => {
      const report = JSON.parse((await cli(['lint', WEBHOOK, '--format', 'json'])).stdout) as JsonReport;
      assert.equal(report[0]?.filePath, join(REPO, WEBHOOK));
      assert.equal(report[0]?.n8nCredits.name, 'Paid webhook');
      assert.deepEqual(report[0]?.n8nCredits.perExecutionMillicredits, { expected: 2000, min: 2000, max: 2000 });
      assert.deepEqual(report[0]?.messages.map((f) => [f.ruleId, f.line]), [['unguarded-paid-webhook', 4]]);
    });

    it('does write the report to --output and nothing to standard output', async () => {
      const { dir, cleanup } = tempDir();
      try {
        const result = await cli(['lint', join(REPO, WEBHOOK), '--format', 'json', '--output', 'report.json'], dir);
        assert.equal(result.stdout, '');
        const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as JsonReport;
        assert.equal(report[0]?.warningCount, 1);
      } finally {
        cleanup();
      }
    });

    it('does exit 2 when --output cannot be written', async () => {
      const result = await cli(['lint', WEBHOOK, '--output', '/nonexistent-dir/x/report.txt']);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /cannot write \/nonexistent-dir\/x\/report\.txt: ENOENT/);
    });
  });

  describe('config', () => {
    let dir = '';
    let cleanup = () => {};
    beforeEach(() => {
      ({ dir, cleanup } = tempDir());
      mkdirSync(join(dir, 'flows/sub'), { recursive: true });
      copyFileSync(join(REPO, WEBHOOK), join(dir, 'flows/sub/hook.json'));
    });
    afterEach(() => cleanup());

    it('does use the nearest .n8n-credits.json above the current folder', async () => {
      writeFileSync(join(dir, '.n8n-credits.json'), JSON.stringify({ rules: { 'unguarded-paid-webhook': 'error' } }));
      const result = await cli(['lint', 'sub/hook.json'], join(dir, 'flows'));
      assert.equal(result.code, 1);
      assert.match(result.stdout, /4:5 +error +"Webhook" lets callers/);
    });

    it('does use --config and turn a rule off', async () => {
      writeFileSync(join(dir, 'quiet.json'), JSON.stringify({ rules: { 'unguarded-paid-webhook': 'off' } }));
      const result = await cli(['lint', 'flows/sub/hook.json', '--config', 'quiet.json', '--max-warnings', '0'], dir);
      assert.equal(result.code, 0);
    });

    it('does take budgets (millicredits) from the config', async () => {
      writeFileSync(join(dir, '.n8n-credits.json'), JSON.stringify({ budgets: { perExecution: 1000 } }));
      const result = await cli(['lint', 'flows/sub/hook.json', '--format', 'json'], dir);
      const report = JSON.parse(result.stdout) as JsonReport;
      assert.equal(result.code, 1);
      assert.deepEqual(report[0]?.messages.map((f) => f.message)[0], 'expected cost per execution is 2 credits, over the budget of 1 credits; the most expensive node is "Enrich" (1 credits)');
    });

    it('does let --budget-execution win over the config budget', async () => {
      writeFileSync(join(dir, '.n8n-credits.json'), JSON.stringify({ budgets: { perExecution: 1000 } }));
      assert.equal((await cli(['lint', 'flows/sub/hook.json', '--budget-execution', '3'], dir)).code, 0);
    });

    it('does exit 2 with the JSON path of a bad rule setting', async () => {
      writeFileSync(join(dir, '.n8n-credits.json'), JSON.stringify({ rules: { 'ai-in-loop': ['warning', { minRuns: 0 }] } }));
      const result = await cli(['lint', 'flows/sub/hook.json'], dir);
      assert.equal(result.code, 2);
      assert.equal(result.stderr, `n8n-credits: ${join(dir, '.n8n-credits.json')}: invalid config:\n  $.rules["ai-in-loop"][1].minRuns: expected an integer ≥ 1, got 0\n`);
    });

    it('does exit 2 with file, line and column of a config that is not JSON', async () => {
      writeFileSync(join(dir, '.n8n-credits.json'), '{\n  "rules": {\n    "ai-in-loop": off\n  }\n}\n');
      const result = await cli(['lint', 'flows/sub/hook.json'], dir);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /\.n8n-credits\.json: \.n8n-credits\.json is not valid JSON at line 3, column 19/);
    });

    it('does exit 2 with the JSON path of a bad assumption in the config', async () => {
      writeFileSync(join(dir, '.n8n-credits.json'), JSON.stringify({ defaults: { itemsPerTrigger: -1 } }));
      const result = await cli(['lint', 'flows/sub/hook.json'], dir);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /\n  \$\.defaults\.itemsPerTrigger: expected a number ≥ 0\n$/);
    });

    it('does exit 2 for a --config file that does not exist', async () => {
      const result = await cli(['lint', 'flows/sub/hook.json', '--config', 'missing.json'], dir);
      assert.deepEqual([result.code, result.stderr], [2, `n8n-credits: cannot read ${join(dir, 'missing.json')}: ENOENT\n`]);
    });

    it('does exit 2 for an unknown --preset', async () => {
      const result = await cli(['lint', 'flows/sub/hook.json', '--preset', 'nope'], dir);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /unknown price book preset "nope"/);
    });

    it('does exit 2 when both --price-book and --preset are given', async () => {
      const result = await cli(['lint', 'flows/sub/hook.json', '--price-book', 'book.json', '--preset', 'default'], dir);
      assert.deepEqual([result.code, result.stderr], [2, 'n8n-credits: use either --price-book or --preset, not both\n']);
    });

    it('does read a price book path from the config, relative to the config file', async () => {
      writeFileSync(join(dir, 'book.json'), JSON.stringify({ extends: 'default', name: 'cheap-http', classes: { http: { unit: 'run', rate: 250 } } }));
      writeFileSync(join(dir, '.n8n-credits.json'), JSON.stringify({ priceBook: './book.json' }));
      const report = JSON.parse((await cli(['lint', 'sub/hook.json', '--format', 'json'], join(dir, 'flows'))).stdout) as Array<{ n8nCredits: { perExecutionMillicredits: { expected: number } } }>;
      assert.equal(report[0]?.n8nCredits.perExecutionMillicredits.expected, 1250);
    });

    it('does price with a --price-book file', async () => {
      writeFileSync(join(dir, 'book.json'), JSON.stringify({ extends: 'default', name: 'pricey', classes: { http: { unit: 'run', rate: 5000 } } }));
      const report = JSON.parse((await cli(['lint', 'flows/sub/hook.json', '--price-book', 'book.json', '--format', 'json'], dir)).stdout) as Array<{ n8nCredits: { perExecutionMillicredits: { expected: number } } }>;
      assert.equal(report[0]?.n8nCredits.perExecutionMillicredits.expected, 6000);
    });
  });

  describe('--baseline', () => {
    let dir = '';
    let cleanup = () => {};
    beforeEach(() => {
      ({ dir, cleanup } = tempDir());
      mkdirSync(join(dir, 'head/flows'), { recursive: true });
      mkdirSync(join(dir, 'base/flows'), { recursive: true });
      copyFileSync(join(REPO, HOURLY), join(dir, 'head/flows/hourly.json'));
      copyFileSync(join(REPO, WEBHOOK), join(dir, 'head/flows/new.json'));
      // The baseline ran every 2 hours: half the runs.
      writeFileSync(join(dir, 'base/flows/hourly.json'), readFileSync(join(REPO, HOURLY), 'utf8').replace('"hoursInterval": 1', '"hoursInterval": 2'));
    });
    afterEach(() => cleanup());

    it('does report the monthly change against the same path in the baseline folder, and new workflows', async () => {
      const result = await cli(['lint', 'flows', '--baseline', '../base'], join(dir, 'head'));
      assert.equal(result.code, 0);
      assert.match(result.stdout, /flows\/hourly\.json\n  cost: 360 → 720 credits\/month \(\+360, \+100%\)\n/);
      assert.match(result.stdout, /flows\/new\.json\n(.*\n)*  cost: new workflow: 2000 credits\/month\n/);
    });

    it('does exit 2 when the baseline folder does not exist', async () => {
      const result = await cli(['lint', 'flows', '--baseline', '../nowhere'], join(dir, 'head'));
      assert.deepEqual([result.code, result.stderr], [2, 'n8n-credits: --baseline ../nowhere is not a folder\n']);
    });

    it('does put the change in the JSON report', async () => {
      const report = JSON.parse((await cli(['lint', 'flows/hourly.json', '--baseline', '../base', '--format', 'json'], join(dir, 'head'))).stdout) as JsonReport;
      assert.deepEqual(report[0]?.n8nCredits.change, { status: 'changed', beforeMillicredits: 360000, afterMillicredits: 720000, deltaMillicredits: 360000, percent: 100, text: '+360 credits/month' });
    });
  });
});
