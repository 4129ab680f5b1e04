import { strict as assert } from 'node:assert';
import { parseNoteAssumptions } from '../../../shared-pricing/src/estimate';
import { analyze, nodeOf } from './fixtures';

describe('analyzeWorkflow: assumptions', () => {
  it('reports a built-in default with source "default"', () => {
    const use = analyze('branches').assumptions.find((a) => a.name === 'branchShare');
    assert.deepEqual([use?.value, use?.source, use?.node], [0.5, 'default', 'IF']);
  });

  it('takes config defaults over built-in defaults', () => {
    const use = analyze('branches', { defaults: { branchShare: 0.2 } }).assumptions.find((a) => a.name === 'branchShare');
    assert.deepEqual([use?.value, use?.source], [0.2, 'config']);
  });

  it('takes the workflow section over config defaults, matched by file name', () => {
    const use = analyze('branches', { defaults: { branchShare: 0.2 }, workflows: { 'branches.workflow.json': { branchShare: 0.3 } } }).assumptions.find((a) => a.name === 'branchShare');
    assert.deepEqual([use?.value, use?.source], [0.3, 'config-workflow']);
  });

  it('takes a node section over the workflow section', () => {
    const use = analyze('branches', { workflows: { branches: { branchShare: 0.3, nodes: { IF: { branchShare: 0.9 } } } } }).assumptions.find((a) => a.name === 'branchShare');
    assert.deepEqual([use?.value, use?.source], [0.9, 'config-node']);
  });

  it('takes the node notes over the config', () => {
    const use = analyze('loop', { nodes: { 'Make Items': { itemsPerRun: 7 } } }).assumptions.find((a) => a.node === 'Make Items');
    assert.deepEqual([use?.name, use?.value, use?.source], ['itemsPerRun', 25, 'notes']);
  });

  it('lists the assumptions a node rests on with the node', () => {
    assert.deepEqual(nodeOf(analyze('branches'), 'IF').assumptions.map((a) => a.name), ['branchShare']);
  });

  it('says how to change an assumption', () => {
    const use = analyze('branches').assumptions.find((a) => a.name === 'branchShare');
    assert.equal(use?.howToChange, 'add "credits: share=…" to the notes of "IF", or set nodes["IF"].branchShare in .n8n-credits.json');
  });

  it('takes Switch shares per output from branchShares', () => {
    const analysis = analyze('switch', { nodes: { Route: { branchShares: [1, 0, 0] } } });
    assert.deepEqual(['A', 'B', 'C'].map((n) => nodeOf(analysis, n).credits.expected), [1000, 0, 0]);
  });
});

describe('parseNoteAssumptions', () => {
  it('reads key=value pairs from a "credits:" line among other notes', () => {
    assert.deepEqual(parseNoteAssumptions('Fetches orders.\ncredits: items=500, share=20%, iterations=3'), { values: { items: 500, branchShare: 0.2, agentIterations: 3 }, problems: [] });
  });

  it('returns the pieces it cannot read', () => {
    assert.deepEqual(parseNoteAssumptions('credits: items=lots colour=3').problems, ['items=lots', 'colour=3']);
  });

  it('ignores notes without a credits line', () => {
    assert.deepEqual(parseNoteAssumptions('items=5'), { values: {}, problems: [] });
  });
});
