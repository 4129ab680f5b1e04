import assert from 'node:assert/strict';
import { cli } from './support';

type Report = Array<{ messages: Array<{ ruleId: string; line: number; node?: string }> }>;

describe('n8n-credits lint rules on the real estimator', () => {
  it('does report an unpriced node type and an unknown model (resource locator) at their nodes\' lines', async () => {
    const result = await cli(['lint', 'test/cli/fixtures/rules/unknown-things.workflow.json', '--format', 'json']);
    const report = JSON.parse(result.stdout) as Report;
    assert.deepEqual(report[0]?.messages.map((f) => [f.ruleId, f.line, f.node]), [
      ['unpriced-node-type', 5, 'Acme'],
      ['unknown-model', 7, 'Model'],
    ]);
  });
});
