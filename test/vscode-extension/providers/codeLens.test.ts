import assert from 'node:assert/strict';
import { createCodeLensProvider, SHOW_BREAKDOWN, SHOW_NODE } from '../../../vscode-extension/src/providers/codeLens';
import { analyzeWorkflow } from '../../../shared-pricing/src';
import { StubDocument } from '../vscode-stub';
import { setup } from './setup';

describe('unit: CodeLens provider', () => {
  it('puts the workflow total on line 0 and a lens on the first line of every node', () => {
    const { api, store, document } = setup();
    const lenses = createCodeLensProvider(api, store, { budgets: () => ({}) }).provideCodeLenses(document);
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [
      [0, 'n8n Credits: ≈ 1230.1 (680.1–2330.1) cr per execution · ≈ 36903 cr/month (30 runs)'],
      [4, '≈ 0 cr/execution'],
      [11, '≈ 0.1 cr/run · ×101 runs → 10.1'],
      [18, '≈ 1 cr/run · ×100 runs in Loop Over Items → 100'],
      [25, '≈ 11.2 cr/run · ×100 runs in Loop Over Items → 1120 (570–2220)'],
      [32, '≈ 1100 (550–2200) cr/execution, counted in AI Agent'],
      [39, 'disabled · 0 cr'],
    ]);
  });

  it('opens the breakdown on a click: the whole workflow at the top, the node on a node', () => {
    const { api, store, document } = setup();
    const lenses = createCodeLensProvider(api, store, { budgets: () => ({}) }).provideCodeLenses(document);
    assert.deepEqual([lenses[0]?.command?.command, lenses[3]?.command?.command, lenses[3]?.command?.arguments], [SHOW_BREAKDOWN, SHOW_NODE, [document.uri, 'HTTP Request']]);
  });

  it('adds the ledger average under a node that has one', () => {
    const { api, store, document } = setup();
    const actuals = () => new Map([['HTTP Request', { average: 95400, executions: 30 }]]);
    const lenses = createCodeLensProvider(api, store, { budgets: () => ({}), actuals }).provideCodeLenses(document);
    assert.deepEqual(lenses.filter((l) => l.range.start.line === 18).map((l) => l.command?.title), ['≈ 1 cr/run · ×100 runs in Loop Over Items → 100', 'est. 100 · actual 95.4 avg over 30 runs']);
  });

  it('shows nothing for JSON that is not a workflow', () => {
    const { api, store } = setup();
    const lenses = createCodeLensProvider(api, store, { budgets: () => ({}) }).provideCodeLenses(new StubDocument('{"name": "pkg", "version": "1.0.0"}', '/w/package.json'));
    assert.deepEqual(lenses, []);
  });

  // Regression (issue 20): sticky notes got a "not reached from a trigger" lens.
  it('puts no lens over a sticky note, and says per execution for a node that runs at most once', () => {
    const text = JSON.stringify({
      nodes: [
        { name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {}, position: [0, 0] },
        { name: 'Note', type: 'n8n-nodes-base.stickyNote', parameters: { content: 'why' }, position: [0, 0] },
        { name: 'Check', type: 'n8n-nodes-base.if', parameters: {}, position: [0, 0] },
        { name: 'Call', type: 'n8n-nodes-base.httpRequest', parameters: {}, position: [0, 0] },
      ],
      connections: { Start: { main: [[{ node: 'Check', type: 'main', index: 0 }]] }, Check: { main: [[{ node: 'Call', type: 'main', index: 0 }]] } },
    }, null, 1);
    const { api, store, document } = setup(undefined, text, { analyze: analyzeWorkflow });
    const titles = createCodeLensProvider(api, store, { budgets: () => ({}) }).provideCodeLenses(document).map((l) => l.command?.title);
    // Call runs on the IF's true output, half the time (branchShare 0.5): 0.5 × 1 credit per execution, not per run.
    assert.deepEqual(titles.slice(1), ['≈ 0 cr/execution', '≈ 0.1 cr/execution', '≈ 0.5 (0–1) cr/execution']);
  });
});
