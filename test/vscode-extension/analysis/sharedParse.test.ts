import assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import sinon from 'sinon';
import { analyzeWorkflow, getPriceBook, lintWorkflow } from '../../../shared-pricing/src';
import { analyzeDocument, type AnalysisSettings } from '../../../vscode-extension/src/analysis/analyzeDocument';
import { LOOP_TEXT } from '../fixtures';

const book = getPriceBook('default');
const settings = (): AnalysisSettings => ({ analyze: analyzeWorkflow, lint: (analysis, document) => lintWorkflow({ analysis, priceBook: book, document }), priceBook: book, config: {}, maxChars: 5_000_000 });

/** Offset and length of each node object of `text`, by jsonc-parser's tree. */
function treeSpans(text: string): Array<[number, number]> {
  const nodes = parseTree(text)?.children?.find((p) => p.children?.[0]?.value === 'nodes')?.children?.[1];
  return (nodes?.children ?? []).map((c) => [c.offset, c.length]);
}

describe('unit: analyzeDocument with the estimator and lint', () => {
  afterEach(() => sinon.restore());

  it('parses strict JSON once for the analysis and the lint rules, and finds the node objects the tree finds', () => {
    const parse = sinon.spy(JSON, 'parse');
    const result = analyzeDocument(LOOP_TEXT, 1, 'flow.json', settings());
    const found = [...result.nodes.values()].map((n) => [n.location?.offset, n.location?.length]);
    assert.deepEqual([found, parse.callCount], [treeSpans(LOOP_TEXT), 1]);
  });

  it('hands the analysis and the lint rules the same parsed document', () => {
    const seen: unknown[] = [];
    const base = settings();
    const result = analyzeDocument(LOOP_TEXT, 1, 'flow.json', { ...base, analyze: (d, ...rest) => (seen.push(d), analyzeWorkflow(d, ...rest)), lint: (a, d) => (seen.push(d), []) });
    assert.deepEqual([seen.length, seen[0] === result.document, seen[1] === result.document], [2, true, true]);
  });

  it('locates the nodes of half-typed JSON with the tree and counts its syntax errors', () => {
    const broken = LOOP_TEXT.replace('"name": "HTTP Request",', '"name": "HTTP Request",,');
    const result = analyzeDocument(broken, 1, 'flow.json', settings());
    const agent = result.nodes.get('AI Agent')?.location;
    assert.deepEqual([result.kind, [agent?.offset, agent?.length], result.syntaxErrors], ['workflow', treeSpans(broken)[3], 2]); // jsonc-parser: a property name expected, then a value
  });

  it('leaves alone commented JSON that only looks like a workflow', () => {
    const result = analyzeDocument('{"nodes": [{"type": "a.b"}] /* "connections": {} */}', 1, 'other.json', settings());
    assert.deepEqual([result.kind, result.nodes.size], ['other', 0]);
  });

  it('refuses JSON nested 100,000 levels deep as not a workflow instead of overflowing the stack', () => {
    const result = analyzeDocument('{"nodes": [' + '['.repeat(100_000), 1, 'deep.json', settings());
    assert.deepEqual([result.kind, result.syntaxErrors], ['other', 1]);
  });
});
