import assert from 'node:assert/strict';
import { locateNodes } from '../../../vscode-extension/src/analysis/locateNodes';
import { lineStarts, positionOf } from '../../../vscode-extension/src/analysis/lineIndex';
import { LOOP_TEXT } from '../fixtures';

describe('unit: locateNodes', () => {
  it('recognises a workflow and finds every node object by name and index', () => {
    const shape = locateNodes(LOOP_TEXT);
    assert.equal(shape.isWorkflow, true);
    assert.deepEqual(shape.nodes.map((n) => [n.index, n.name]), [[0, 'Every day'], [1, 'Loop Over Items'], [2, 'HTTP Request'], [3, 'AI Agent'], [4, 'OpenAI Model'], [5, 'Old step']]);
  });

  it('places the end of each type value right after its closing quote', () => {
    const http = locateNodes(LOOP_TEXT).nodes[2];
    assert.equal(LOOP_TEXT.slice(0, http?.typeValueEnd).endsWith('"type": "n8n-nodes-base.httpRequest"'), true);
  });

  it('does not take JSON without a nodes array and a connections object for a workflow', () => {
    assert.equal(locateNodes('{"nodes": [], "other": {}}').isWorkflow, false);
    assert.equal(locateNodes('{"name": "package", "version": "1.0.0"}').isWorkflow, false);
    assert.equal(locateNodes('[1, 2]').isWorkflow, false);
  });

  it('takes a truncated file whose nodes have types for a workflow, so its syntax error is reported', () => {
    const shape = locateNodes(LOOP_TEXT.slice(0, LOOP_TEXT.indexOf('"name": "AI Agent"')));
    assert.deepEqual([shape.isWorkflow, shape.nodes.map((n) => n.name)], [true, ['Every day', 'Loop Over Items', 'HTTP Request', undefined]]);
  });

  it('does not take a complete JSON file with a nodes array but no connections for a workflow', () => {
    assert.equal(locateNodes('{"nodes": [{"type": "a.b"}]}').isWorkflow, false);
  });

  it('keeps finding the nodes of half-typed JSON', () => {
    const broken = '{"nodes": [{"name": "A", "type": "x.y", "parameters": {"a": }}, {"name": "B", "type": "x.z"}], "connections": {}}';
    const shape = locateNodes(broken);
    assert.equal(shape.isWorkflow, true);
    assert.deepEqual(shape.nodes.map((n) => n.name), ['A', 'B']);
    assert.equal(shape.syntaxErrors > 0, true);
  });
});

describe('unit: lineIndex', () => {
  it('turns offsets into 0-based lines and characters across \\n and \\r\\n', () => {
    const starts = lineStarts('ab\ncd\r\nef');
    assert.deepEqual(starts, [0, 3, 7]);
    assert.deepEqual(positionOf(starts, 0), { line: 0, character: 0 });
    assert.deepEqual(positionOf(starts, 4), { line: 1, character: 1 });
    assert.deepEqual(positionOf(starts, 8), { line: 2, character: 1 });
  });
});
