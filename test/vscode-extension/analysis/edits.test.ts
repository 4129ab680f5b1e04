import assert from 'node:assert/strict';
import { applyEdits } from 'jsonc-parser';
import { getPriceBook, parseWorkflowDocument } from '../../../shared-pricing/src';
import { cheaperModels } from '../../../vscode-extension/src/analysis/cheaperModels';
import { modelPath, nodePath, setValue, valueAt } from '../../../vscode-extension/src/analysis/editWorkflow';
import { LOOP_TEXT } from '../fixtures';

describe('unit: cheaperModels', () => {
  it('offers the models of the price book that cost less, closest first', () => {
    const book = { ...getPriceBook('default'), models: { big: { input: 10, output: 10 }, mid: { input: 5, output: 5 }, small: { input: 1, output: 1 } } };
    assert.deepEqual(cheaperModels(book, 'big'), ['mid', 'small']);
    assert.deepEqual(cheaperModels(book, 'small'), []);
  });

  it('offers at most the given number of models', () => {
    const book = { ...getPriceBook('default'), models: { big: { input: 10, output: 10 }, mid: { input: 5, output: 5 }, small: { input: 1, output: 1 } } };
    assert.deepEqual(cheaperModels(book, 'big', 1), ['mid']);
  });
});

describe('unit: editWorkflow', () => {
  it('finds a node path and a model held in a resource locator', () => {
    const document = parseWorkflowDocument(LOOP_TEXT);
    const path = nodePath(document, 'OpenAI Model');
    assert.deepEqual(path, ['nodes', 4]);
    assert.deepEqual(modelPath(document, path ?? []), { path: ['nodes', 4, 'parameters', 'model', 'value'], model: 'gpt-4o' });
  });

  it('finds a model held as a plain string', () => {
    const text = '{"nodes": [{"name": "M", "parameters": {"model": "gpt-4o"}}], "connections": {}}';
    assert.deepEqual(modelPath(parseWorkflowDocument(text), ['nodes', 0]), { path: ['nodes', 0, 'parameters', 'model'], model: 'gpt-4o' });
  });

  it('reads a value of half-typed JSON from its one tolerant parse', () => {
    const text = '{"nodes": [{"name": "L", "parameters": {"batchSize": 5}}, {"name": ';
    assert.deepEqual([valueAt(parseWorkflowDocument(text), ['nodes', 0, 'parameters', 'batchSize']), valueAt(parseWorkflowDocument(text), ['nodes', 0, 'constructor'])], [5, undefined]);
  });

  it('sets a new property with the file\'s indentation', () => {
    const text = '{\n  "nodes": [\n    {\n      "name": "A"\n    }\n  ],\n  "connections": {}\n}';
    const next = applyEdits(text, setValue(text, ['nodes', 0, 'executeOnce'], true));
    assert.equal(next, '{\n  "nodes": [\n    {\n      "name": "A",\n      "executeOnce": true\n    }\n  ],\n  "connections": {}\n}');
    assert.equal(valueAt(parseWorkflowDocument(next), ['nodes', 0, 'executeOnce']), true);
  });
});
