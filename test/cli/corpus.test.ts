import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli, REPO } from './support';

const CORPUS = 'test/cli/fixtures/corpus';
const files = readdirSync(join(REPO, CORPUS)).filter((f) => f.endsWith('.json')).sort();

type Report = Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number; fatal?: boolean }>; n8nCredits: { workflow: boolean } }>;

describe('n8n-credits lint on real workflows (corpus copies)', () => {
  it('does give every file a result and no exit code 2', async () => {
    const result = await cli(['lint', `${CORPUS}/*.json`, '--format', 'json']);
    const report = JSON.parse(result.stdout) as Report;
    assert.notEqual(result.code, 2);
    assert.equal(result.stderr, '');
    assert.deepEqual(report.map((f) => f.filePath.split('/').pop()), files);
    // Every file is a workflow, and none failed (a failed file has a fatal message with no rule).
    assert.deepEqual([report.length, report.filter((f) => f.n8nCredits.workflow).length, report.filter((f) => f.messages.some((m) => m.ruleId === null)).length], [4, 4, 0]);
  });

  it('does report the published JSON error of the lemlist workflow with its line', async () => {
    const report = JSON.parse((await cli(['lint', `${CORPUS}/lemlist-gpt3-broken-json.workflow.json`, '--format', 'json'])).stdout) as Report;
    assert.deepEqual(report[0]?.messages.filter((f) => f.ruleId === 'invalid-json').map((f) => f.line), [397]);
  });

  it('does find the AI step and the unbatched HTTP request in the Airtable extraction loop', async () => {
    const report = JSON.parse((await cli(['lint', `${CORPUS}/ai-data-extraction-airtable.workflow.json`, '--format', 'json'])).stdout) as Report;
    const rules = report[0]?.messages.map((f) => `${f.ruleId}@${f.line}`);
    assert.ok(rules?.includes('ai-in-loop@189'), String(rules));
    assert.ok(rules?.includes('http-in-loop-without-batching@108'), String(rules));
  });
});
