import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { scanNodeLocations } from '../../../shared-pricing/src/document/scanNodeLocations';
import { fixture } from '../estimate/fixtures';

const property = (node: JsonNode | undefined, key: string) => (node?.type === 'object' ? node.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1] : undefined);

/** What jsonc-parser's tree says of each element of the first `nodes` array: the scan must say the same. */
function byTree(text: string) {
  const nodes = property(parseTree(text), 'nodes');
  return (nodes?.type === 'array' ? nodes.children ?? [] : []).map((child, index) => {
    if (child.type !== 'object') return { index, offset: child.offset, length: child.length };
    const name = property(child, 'name');
    const type = property(child, 'type');
    return { index, name: name?.type === 'string' ? String(name.value) : undefined, offset: child.offset, length: child.length, typeValueEnd: type && type.offset + type.length, nameRange: name && { offset: name.offset, length: name.length } };
  });
}

describe('scanNodeLocations', () => {
  it('finds what the jsonc-parser tree finds in a fixture workflow', () => {
    const text = fixture('agent');
    assert.deepEqual(scanNodeLocations(text)?.nodes, byTree(text));
  });

  it('counts every element of the nodes array and takes the first of repeated keys within a node', () => {
    const text = '{"nodes": [1, "x", [{"a": 1}], {"name": "A\\u0042\\"", "type": {"x": [1]}, "name": "dup"}, null, {"type": 5, "na\\u006de": 7}], "connections": {}}';
    const nodes = scanNodeLocations(text)?.nodes ?? [];
    assert.deepEqual(nodes.map((n) => [n.index, n.name, text.slice(n.offset, n.offset + n.length).slice(0, 12)]), [
      [0, undefined, '1'],
      [1, undefined, '"x"'],
      [2, undefined, '[{"a": 1}]'],
      [3, 'AB"', '{"name": "A\\'],
      [4, undefined, 'null'],
      [5, undefined, '{"type": 5, '],
    ]);
    assert.deepEqual(nodes, byTree(text));
  });

  it('finds the same locations as the tree whatever the names, values and layout', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    const nodeArb = fc.oneof(fc.record({ name: fc.oneof(fc.string(), value), type: value, parameters: fc.dictionary(fc.string(), value) }, { requiredKeys: [] }), value);
    fc.assert(
      fc.property(fc.array(nodeArb, { maxLength: 5 }), fc.string(), fc.boolean(), fc.boolean(), (nodes, name, pretty, connectionsFirst) => {
        const doc = connectionsFirst ? { connections: { [name]: nodes.slice(0, 1) }, name, nodes } : { name, meta: { nodes: [1], connections: {} }, nodes, connections: {} };
        const text = JSON.stringify(doc, null, pretty ? 2 : undefined);
        assert.deepEqual(scanNodeLocations(text)?.nodes, byTree(text));
      }),
      { numRuns: 300 },
    );
  });

  it('gives up on a root that is not an object, on "nodes" twice and on nesting past the limit, so the caller decides', () => {
    assert.deepEqual(
      ['[{"nodes": []}]', '{"nodes": [], "nodes": []}', '{"nodes": [' + '['.repeat(600) + ']'.repeat(600) + ']}'].map(scanNodeLocations),
      [undefined, undefined, undefined],
    );
  });
});
