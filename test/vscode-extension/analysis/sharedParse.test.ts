import assert from 'node:assert/strict';
import sinon from 'sinon';
import { analyzeWorkflow, getPriceBook } from '../../../shared-pricing/src';
import { analyzeDocument, type AnalysisSettings } from '../../../vscode-extension/src/analysis/analyzeDocument';
import { locateNodes } from '../../../vscode-extension/src/analysis/locateNodes';
import { LOOP_TEXT } from '../fixtures';

const settings = (): AnalysisSettings => ({ analyze: analyzeWorkflow, priceBook: getPriceBook('default'), config: {}, maxChars: 5_000_000 });
const locations = (text: string) => [...analyzeDocument(text, 1, 'flow.json', settings()).nodes.values()].map((n) => n.location);

describe('unit: analyzeDocument with the estimator', () => {
  afterEach(() => sinon.restore());

  it('parses strict JSON once, in the analysis, and finds the same node locations as the tree', () => {
    const expected = locateNodes(`${LOOP_TEXT}\n// tree`).nodes;
    const parse = sinon.spy(JSON, 'parse');
    const found = locations(LOOP_TEXT);
    assert.deepEqual([found, parse.callCount], [expected, 1]);
  });

  it('locates the nodes of half-typed JSON with the tree and counts its syntax errors', () => {
    const broken = LOOP_TEXT.replace('"name": "HTTP Request",', '"name": "HTTP Request",,');
    const result = analyzeDocument(broken, 1, 'flow.json', settings());
    const tree = locateNodes(broken);
    assert.deepEqual([result.kind, result.nodes.get('AI Agent')?.location, result.syntaxErrors], ['workflow', tree.nodes[3], tree.syntaxErrors]);
  });

  it('leaves alone commented JSON that only looks like a workflow to the scan', () => {
    const result = analyzeDocument('{"nodes": [{"type": "a.b"}] /* "connections": {} */}', 1, 'other.json', settings());
    assert.deepEqual([result.kind, result.nodes.size], ['other', 0]);
  });
});
