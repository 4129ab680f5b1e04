import assert from 'node:assert/strict';
import { getPriceBook } from '../../../shared-pricing/src/price-book/loadPriceBook';
import { lintWorkflow } from '../../../shared-pricing/src/lint/lintWorkflow';
import { unpricedNodeType } from '../../../shared-pricing/src/lint/rules/unpriced-node-type';
import { unknownModel } from '../../../shared-pricing/src/lint/rules/unknown-model';
import type { LintRule } from '../../../shared-pricing/src/lint/types';
import { analysis, node } from './support';

const book = getPriceBook('default');
const at = (line: number) => ({ offset: line * 10, length: 5, line, column: 5 });
const twoProblems = () =>
  analysis([
    node('Acme', 'n8n-nodes-acme.acme', { explicit: false, range: at(9) }),
    node('Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', { model: 'gpt-9', modelFallback: true, range: at(3) }),
  ]);

describe('lintWorkflow', () => {
  it('does run every rule at its default severity and sort findings by line', () => {
    const findings = lintWorkflow({ analysis: twoProblems(), priceBook: book, rules: [unpricedNodeType, unknownModel] });
    assert.deepEqual(findings.map((f) => [f.range.line, f.ruleId, f.severity]), [
      [3, 'unknown-model', 'warning'],
      [9, 'unpriced-node-type', 'warning'],
    ]);
  });

  it('does use the configured severity', () => {
    const findings = lintWorkflow({ analysis: twoProblems(), priceBook: book, rules: [unpricedNodeType], config: { 'unpriced-node-type': { severity: 'error', options: {} } } });
    assert.deepEqual(findings.map((f) => f.severity), ['error']);
  });

  it('does skip a rule that is off', () => {
    const findings = lintWorkflow({ analysis: twoProblems(), priceBook: book, rules: [unpricedNodeType, unknownModel], config: { 'unknown-model': { severity: 'off', options: {} } } });
    assert.deepEqual(findings.map((f) => f.ruleId), ['unpriced-node-type']);
  });

  it('does give the same fingerprint when the node moves to another line', () => {
    const before = lintWorkflow({ analysis: twoProblems(), priceBook: book, rules: [unpricedNodeType] });
    const moved = twoProblems();
    (moved.nodes[0] as { range: unknown }).range = at(40);
    const after = lintWorkflow({ analysis: moved, priceBook: book, rules: [unpricedNodeType] });
    assert.equal(after[0]?.range.line, 40);
    assert.equal(after[0]?.fingerprint, before[0]?.fingerprint);
  });

  it('does give different fingerprints to different nodes', () => {
    const input = analysis([node('A', 'x.a', { explicit: false }), node('B', 'x.b', { explicit: false })]);
    const [a, b] = lintWorkflow({ analysis: input, priceBook: book, rules: [unpricedNodeType] });
    assert.notEqual(a?.fingerprint, b?.fingerprint);
  });

  it('does keep fingerprints unique when two findings would share one (two nodes of one name)', () => {
    const input = analysis([node('Same', 'x.a', { explicit: false }), node('Same', 'x.a', { explicit: false })]);
    const [a, b] = lintWorkflow({ analysis: input, priceBook: book, rules: [unpricedNodeType] });
    assert.equal(a?.message, b?.message);
    assert.notEqual(a?.fingerprint, b?.fingerprint);
  });

  it('does compute the line of a range that has only an offset, from the text', () => {
    const rule: LintRule = { meta: { ...unpricedNodeType.meta, id: 'probe' }, check: (c) => c.report({ messageId: 'x', range: { offset: 4, length: 1 } }) };
    const [finding] = lintWorkflow({ analysis: analysis([]), priceBook: book, text: '{\n\n  "a"', rules: [rule] });
    assert.deepEqual([finding?.range.line, finding?.range.column], [3, 2]);
  });

  it('does fill option defaults from the rule schema', () => {
    let seen: unknown;
    const rule: LintRule = {
      meta: { ...unpricedNodeType.meta, id: 'probe', options: { a: { type: 'integer', default: 7, description: '' }, b: { type: 'string', description: '' } } },
      check: (c) => void (seen = c.options),
    };
    lintWorkflow({ analysis: analysis([]), priceBook: book, rules: [rule], config: { probe: { severity: 'warning', options: { b: 'x' } } } });
    assert.deepEqual(seen, { a: 7, b: 'x' });
  });

  it('does read no raw nodes without text (rules see undefined)', () => {
    let seen: unknown = 'unset';
    const rule: LintRule = { meta: { ...unpricedNodeType.meta, id: 'probe' }, check: (c) => void (seen = c.rawNode('Acme')) };
    lintWorkflow({ analysis: twoProblems(), priceBook: book, rules: [rule] });
    assert.equal(seen, undefined);
  });
});
