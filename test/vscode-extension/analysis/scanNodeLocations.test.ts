import assert from 'node:assert/strict';
import fc from 'fast-check';
import { locateNodes } from '../../../vscode-extension/src/analysis/locateNodes';
import { scanNodeLocations } from '../../../vscode-extension/src/analysis/scanNodeLocations';
import { LOOP_TEXT } from '../fixtures';

/**
 * What jsonc-parser's tree gives for `text`: a trailing comment makes the text not strict JSON,
 * so `locateNodes` takes its tree path, with the same offsets and no syntax error.
 */
const byTree = (text: string) => locateNodes(`${text}\n// tree`);

describe('unit: scanNodeLocations', () => {
  it('finds what the jsonc-parser tree finds in a fixture workflow', () => {
    assert.deepEqual(scanNodeLocations(LOOP_TEXT), byTree(LOOP_TEXT));
  });

  it('counts every element of the nodes array in index and takes the first of repeated keys', () => {
    const text = '{"nodes": [1, "x", [{"a": 1}], {"name": "A\\u0042\\"", "type": {"x": [1]}, "name": "dup"}, null, {"type": 5, "na\\u006de": 7}], "nodes": 3, "connections": {}}';
    const shape = scanNodeLocations(text);
    assert.deepEqual(shape.nodes.map((n) => [n.index, n.name, text.slice(0, n.typeValueEnd).slice(-18)]), [
      [3, 'AB"', '"type": {"x": [1]}'],
      [5, undefined, ', null, {"type": 5'],
    ]);
    assert.deepEqual(shape, byTree(text));
  });

  it('does not take JSON whose first nodes key is not an array, or without a connections object, for a workflow', () => {
    assert.deepEqual(
      ['{"nodes": {}, "connections": {}}', '{"nodes": [], "connections": []}', '{"x": {"nodes": [], "connections": {}}}', '[1]', '"x"'].map((t) => scanNodeLocations(t).isWorkflow),
      [false, false, false, false, false],
    );
  });

  it('finds the same locations as the tree whatever the names, values and layout', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    const nodeArb = fc.oneof(
      fc.record({ name: fc.oneof(fc.string(), value), type: value, parameters: fc.dictionary(fc.string(), value) }, { requiredKeys: [] }),
      value,
    );
    fc.assert(
      fc.property(fc.array(nodeArb, { maxLength: 5 }), fc.string(), fc.boolean(), fc.boolean(), (nodes, name, pretty, connectionsFirst) => {
        const doc = connectionsFirst ? { connections: { [name]: nodes.slice(0, 1) }, name, nodes } : { name, meta: { nodes: [1], connections: {} }, nodes, connections: {} };
        const text = JSON.stringify(doc, null, pretty ? 2 : undefined);
        assert.deepEqual(scanNodeLocations(text), byTree(text));
      }),
      { numRuns: 300 },
    );
  });
});
