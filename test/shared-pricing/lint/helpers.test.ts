import assert from 'node:assert/strict';
import { formatCount } from '../../../shared-pricing/src/lint/helpers/formatCount';
import { formatMessage } from '../../../shared-pricing/src/lint/helpers/formatMessage';
import { parseWorkflowDocument } from '../../../shared-pricing/src/document/parseWorkflowDocument';
import { rawNodeMap } from '../../../shared-pricing/src/lint/helpers/rawNodeMap';
import { stableHash } from '../../../shared-pricing/src/lint/helpers/stableHash';

describe('lint helpers', () => {
  it('does fill placeholders and keep unknown ones visible', () => {
    assert.equal(formatMessage('"{node}" runs {runs} times, {missing}', { node: 'A', runs: 3 }), '"A" runs 3 times, {missing}');
  });

  it('does hash the same text to the same 14 hex digits, and other text to others', () => {
    assert.equal(stableHash('ai-in-loop\u0000Agent'), stableHash('ai-in-loop\u0000Agent'));
    assert.match(stableHash('x'), /^[0-9a-f]{14}$/);
    assert.notEqual(stableHash('ai-in-loop\u0000Agent'), stableHash('ai-in-loop\u0000Agent2'));
  });

  it('does read raw nodes from half-typed JSON without throwing', () => {
    const nodes = rawNodeMap(parseWorkflowDocument('{"nodes": [{"name": "A", "type": "t.a", "parameters": {"x": 1}}, {"name": "B", "type": "t.b"').rawNodes);
    assert.deepEqual([...nodes.values()], [
      { name: 'A', type: 't.a', disabled: false, parameters: { x: 1 } },
      { name: 'B', type: 't.b', disabled: false, parameters: {} },
    ]);
  });

  it('does read no nodes from text that is not a workflow', () => {
    assert.equal(rawNodeMap(parseWorkflowDocument('[1, 2]').rawNodes).size, 0);
  });
});

describe('formatCount', () => {
  const cases: Array<[number, string]> = [[3, '3'], [3.236246, '3.2'], [0.04, '0'], [2.96, '3'], [43200, '43200']];
  for (const [value, text] of cases) {
    it(`does write ${value} as "${text}"`, () => {
      assert.equal(formatCount(value), text);
    });
  }
});
