import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASIC, cli, REPO, tempDir } from './support';

const WEBHOOK = `${BASIC}/paid-webhook.workflow.json`;

describe('n8n-credits lint --format json (ESLint shape)', () => {
  it('does write one ESLint result per file with every field of ESLint\'s json formatter', async () => {
    const report = JSON.parse((await cli(['lint', WEBHOOK, '--format', 'json'])).stdout) as Array<Record<string, unknown>>;
    // ESLint's documented result: filePath, messages, suppressedMessages, errorCount, fatalErrorCount,
    // warningCount, fixableErrorCount, fixableWarningCount, usedDeprecatedRules; ours adds n8nCredits.
    assert.deepEqual(report, [
      {
        filePath: join(REPO, WEBHOOK),
        messages: [
          {
            ruleId: 'unguarded-paid-webhook',
            severity: 1,
            message: '"Webhook" lets callers start a workflow that costs 2 credits per execution, with no Credits node doing a "guard"; add one before the paid steps',
            line: 4,
            column: 5,
            messageId: 'unguarded',
            node: 'Webhook',
            fingerprint: (report[0]?.messages as Array<{ fingerprint: string }>)[0]?.fingerprint,
          },
        ],
        suppressedMessages: [],
        errorCount: 0,
        fatalErrorCount: 0,
        warningCount: 1,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
        // Enrich (http) + Slack (app), 1 credit each; 1000 runs a month by the default assumption.
        n8nCredits: {
          workflow: true,
          name: 'Paid webhook',
          perExecutionMillicredits: { expected: 2000, min: 2000, max: 2000 },
          perMonthMillicredits: { expected: 2000000, min: 2000000, max: 2000000 },
          runsPerMonth: { expected: 1000, min: 1000, max: 1000 },
        },
      },
    ]);
  });

  it('does give errors severity 2 and mark a file that is not valid JSON fatal, as ESLint marks a parse error', async () => {
    const report = JSON.parse((await cli(['lint', `${BASIC}/notes.json`, '--format', 'json'])).stdout) as Array<{ messages: Array<Record<string, unknown>>; errorCount: number; fatalErrorCount: number; warningCount: number }>;
    const [result] = report;
    assert.deepEqual([result?.errorCount, result?.fatalErrorCount, result?.warningCount], [1, 1, 0]);
    assert.deepEqual(result?.messages.map((m) => [m.ruleId, m.severity, m.fatal, m.line, m.column]), [['invalid-json', 2, true, 1, 1]]);
  });

  it('does carry a finding\'s detail beside the short message', async () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(join(dir, '.n8n-credits.json'), JSON.stringify({ rules: { 'unbounded-item-count': 'warning' } }));
      const report = JSON.parse((await cli(['lint', join(REPO, 'test/cli/fixtures/corpus'), '--format', 'json'], dir)).stdout) as Array<{ messages: Array<{ ruleId: string; message: string; detail?: string }> }>;
      const unbounded = report.flatMap((r) => r.messages).find((m) => m.ruleId === 'unbounded-item-count');
      assert.match(unbounded?.message ?? '', /^"[^"]+": \w+ = \d+ is a guess, not a bound$/);
      assert.match(unbounded?.detail ?? '', /^the estimate multiplies what follows by it; add "credits: items=…" to the notes of /);
    } finally {
      cleanup();
    }
  });
});
