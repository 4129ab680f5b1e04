import { strict as assert } from 'node:assert';
import { parseWorkflowDocument } from '../../../shared-pricing/src/document/parseWorkflowDocument';
import { fixture } from '../estimate/fixtures';

describe('parseWorkflowDocument', () => {
  it('reads strict JSON as strict, with every node by index and name', () => {
    const document = parseWorkflowDocument('{"nodes": [{"name": "A", "type": "x.a"}, {"name": "B", "type": "x.b"}], "connections": {}}');
    assert.deepEqual([document.strict, document.isWorkflow, document.nodes.map((n) => [n.index, n.name, n.offset, n.length])], [true, true, [[0, 'A', 11, 28], [1, 'B', 41, 28]]]);
  });

  it('places the end of each type value right after its closing quote', () => {
    const text = fixture('linear');
    const http = parseWorkflowDocument(text).nodes.find((n) => n.name === 'HTTP');
    assert.equal(text.slice(0, http?.typeValueEnd).endsWith('"type": "n8n-nodes-base.httpRequest"'), true);
  });

  it('keeps the raw nodes as parsed, aligned with their locations', () => {
    const document = parseWorkflowDocument('{"nodes": [{"name": "A", "type": "x.a", "parameters": {"n": 1}}, 7], "connections": {}}');
    assert.deepEqual([document.rawNodes, document.nodes.map((n) => n.index)], [[{ name: 'A', type: 'x.a', parameters: { n: 1 } }, 7], [0, 1]]);
  });

  it('does not take JSON without a nodes array and a connections object for a workflow', () => {
    const texts = ['{"nodes": [], "other": {}}', '{"name": "package", "version": "1.0.0"}', '[1, 2]', '{"nodes": [{"type": "a.b"}]}', '{"nodes": {}, "connections": {}}', '{"nodes": [], "connections": []}', '{"x": {"nodes": [], "connections": {}}}', '"x"'];
    assert.deepEqual(texts.map((t) => parseWorkflowDocument(t).isWorkflow), texts.map(() => false));
  });

  it('takes a truncated file whose nodes have types for a workflow, so its syntax error is reported', () => {
    const text = fixture('linear');
    const document = parseWorkflowDocument(text.slice(0, text.indexOf('"name": "HTTP"')));
    assert.deepEqual([document.strict, document.isWorkflow, document.syntaxErrors.length > 0, document.nodes.map((n) => n.name)], [false, true, true, ['Manual', 'Set', undefined]]);
  });

  it('keeps the nodes and raw values of half-typed JSON', () => {
    const document = parseWorkflowDocument('{"nodes": [{"name": "A", "type": "x.y", "parameters": {"a": }}, {"name": "B", "type": "x.z"}], "connections": {}}');
    assert.deepEqual([document.isWorkflow, document.nodes.map((n) => n.name), (document.rawNodes[1] as { name: string }).name, document.syntaxErrors.length], [true, ['A', 'B'], 'B', 1]);
  });

  it('reads comments and trailing commas through the tolerant tree without calling them errors', () => {
    const document = parseWorkflowDocument('{"nodes": [{"name": "A", "type": "x.y"},], // hi\n "connections": {}}');
    assert.deepEqual([document.strict, document.isWorkflow, document.syntaxErrors.length, document.nodes.map((n) => n.name)], [false, true, 0, ['A']]);
  });

  it('takes the first of two "nodes" keys, as the tree does', () => {
    const document = parseWorkflowDocument('{"nodes": [{"name": "A", "type": "x"}], "nodes": [], "connections": {}}');
    assert.deepEqual([document.nodes.map((n) => n.name), (document.rawNodes as Array<{ name: string }>).map((n) => n.name)], [['A'], ['A']]);
  });

  it('refuses text nested 100,000 levels deep instead of overflowing the stack', () => {
    const document = parseWorkflowDocument('{"nodes": [' + '['.repeat(100_000));
    assert.deepEqual([document.tooDeep, document.isWorkflow, document.nodes.length, document.rawNodes.length], [true, false, 0, 0]);
  });

  it('gives the root of strict JSON that is not a workflow without reading a tree', () => {
    assert.deepEqual([parseWorkflowDocument('  [1, 2]\n').root, parseWorkflowDocument('{"a": 1}').root], [{ offset: 2, length: 6, isObject: false }, { offset: 0, length: 8, isObject: true }]);
  });
});
