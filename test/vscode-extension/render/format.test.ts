import assert from 'node:assert/strict';
import { formatCount, formatCreditRange, inlayLabel, nodeLensTitle, summaryLensTitle } from '../../../vscode-extension/src/render/format';
import { loopAnalysis } from '../fixtures';

const node = (name: string) => {
  const found = loopAnalysis().nodes.find((n) => n.name === name);
  if (!found) throw new Error(name);
  return found;
};

describe('unit: format', () => {
  it('writes a node in a loop as rate × count from the loop → total', () => {
    assert.equal(nodeLensTitle(node('HTTP Request')), '≈ 1 cr/run · ×100 runs in Loop Over Items → 100');
  });

  it('writes the min–max of a total that is not certain', () => {
    assert.equal(nodeLensTitle(node('AI Agent')), '≈ 11.2 cr/run · ×100 runs in Loop Over Items → 1120 (570–2220)');
  });

  it('counts items, not runs, for a per-item class', () => {
    const perItem = { ...node('HTTP Request'), unit: 'item', totalCredits: { expected: 50000, min: 50000, max: 50000 }, items: { expected: 1000, min: 1000, max: 1000 } };
    assert.equal(nodeLensTitle(perItem), '≈ 0.05 cr/item · ×1000 items in Loop Over Items → 50');
  });

  // Regression (issue 20): the figure is per execution, and said cr/run.
  it('writes a node that runs at most once as its cost per execution', () => {
    assert.equal(nodeLensTitle(node('Every day')), '≈ 0 cr/execution');
  });

  it('says a sub-node is counted in its parent', () => {
    assert.equal(nodeLensTitle(node('OpenAI Model')), '≈ 1100 (550–2200) cr/execution, counted in AI Agent');
  });

  it('says disabled, unreachable and unpriced nodes are so', () => {
    assert.equal(nodeLensTitle(node('Old step')), 'disabled · 0 cr');
    assert.equal(nodeLensTitle({ ...node('HTTP Request'), reachable: false }), 'not reached from a trigger · 0 cr');
    assert.equal(nodeLensTitle({ ...node('Every day'), explicit: false, totalCredits: { expected: 1000, min: 1000, max: 1000 } }), '≈ 1 cr/execution · unpriced type (fallback rate)');
  });

  it('sums up the workflow per execution and per month', () => {
    assert.equal(summaryLensTitle(loopAnalysis()), 'n8n Credits: ≈ 1230.1 (680.1–2330.1) cr per execution · ≈ 36903 cr/month (30 runs)');
  });

  it('names the budgets the workflow is over', () => {
    assert.equal(summaryLensTitle(loopAnalysis(), { perExecution: 1_000_000, perMonth: 40_000_000 }), 'n8n Credits: ≈ 1230.1 (680.1–2330.1) cr per execution · ≈ 36903 cr/month (30 runs) · over budget (1000/execution)');
  });

  it('labels the inlay hint with the total, sub-nodes with their own cost', () => {
    assert.deepEqual([inlayLabel(node('AI Agent')), inlayLabel(node('OpenAI Model')), inlayLabel(node('Old step'))], ['≈ 1120 (570–2220) cr', '≈ 1100 (550–2200) cr', '0 cr']);
  });

  it('formats counts and credit ranges', () => {
    assert.deepEqual([formatCount(2.456), formatCount(7), formatCreditRange({ expected: 1500, min: 1500, max: 1500 })], ['2.46', '7', '1.5']);
  });
});
