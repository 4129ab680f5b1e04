import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseTree } from 'jsonc-parser';
import { scanNodeRanges } from '../../../shared-pricing/src/estimate/scanNodeRanges';
import { fixture } from './fixtures';

/** The node ranges jsonc-parser gives, which the scan must reproduce. */
function treeRanges(text: string): Array<[number, number]> {
  const root = parseTree(text);
  const nodes = root?.children?.find((p) => p.children?.[0]?.value === 'nodes')?.children?.[1];
  return (nodes?.children ?? []).map((c) => [c.offset, c.length]);
}

describe('scanNodeRanges', () => {
  it('finds the same node ranges as jsonc-parser in a fixture', () => {
    const text = fixture('agent');
    assert.deepEqual(scanNodeRanges(text), treeRanges(text));
  });

  it('finds the same ranges whatever the strings, escapes and nesting in the nodes', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    const nodeArb = fc.record({ name: fc.string(), type: fc.constant('n8n-nodes-base.set'), parameters: fc.dictionary(fc.string(), value) });
    fc.assert(
      fc.property(fc.array(nodeArb, { maxLength: 5 }), fc.string(), fc.boolean(), (nodes, name, pretty) => {
        const text = JSON.stringify({ name, meta: { nodes: [1] }, nodes, connections: {} }, null, pretty ? 2 : undefined);
        return JSON.stringify(scanNodeRanges(text)) === JSON.stringify(treeRanges(text));
      }),
      { numRuns: 200 },
    );
  });

  it('gives up on a node that is not an object, so the caller uses jsonc-parser', () => {
    assert.equal(scanNodeRanges('{"nodes": [{"name": "a"}, null]}'), undefined);
  });

  it('gives up on a root that is not an object', () => {
    assert.equal(scanNodeRanges('[{"nodes": []}]'), undefined);
  });
});
