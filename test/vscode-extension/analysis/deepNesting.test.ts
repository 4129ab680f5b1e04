import { strict as assert } from 'node:assert';
import { locateNodes } from '../../../vscode-extension/src/analysis/locateNodes';

describe('locateNodes on pathologically nested text', () => {
  it('reports broken JSON nested 100,000 levels deep as not a workflow instead of overflowing the stack', () => {
    assert.deepEqual(locateNodes('{"nodes": [' + '['.repeat(100_000)), { isWorkflow: false, nodes: [], syntaxErrors: 1 });
  });
});
