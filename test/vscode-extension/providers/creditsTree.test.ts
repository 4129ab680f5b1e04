import assert from 'node:assert/strict';
import { createCreditsTree, REVEAL_NODE, type CreditsTreeElement } from '../../../vscode-extension/src/providers/creditsTree';
import { StubDocument } from '../vscode-stub';
import { setup } from './setup';

describe('unit: Credits tree view', () => {
  it('groups the nodes by type, most expensive type first, without sub-nodes', () => {
    const { api, store, document } = setup();
    const tree = createCreditsTree(api, store, () => document);
    const groups = tree.getChildren();
    assert.deepEqual(groups.map((g) => [tree.getTreeItem(g).label, tree.getTreeItem(g).description]), [
      ['@n8n/n8n-nodes-langchain.agent', '≈ 1120 cr · 1 node'],
      ['n8n-nodes-base.httpRequest', '≈ 100 cr · 1 node'],
      ['n8n-nodes-base.splitInBatches', '≈ 10.1 cr · 1 node'],
      ['n8n-nodes-base.scheduleTrigger', '≈ 0 cr · 1 node'],
      ['n8n-nodes-base.set', '≈ 0 cr · 1 node'],
    ]);
  });

  it('lists a type\'s nodes with their cost and reveals a node on click', () => {
    const { api, store, document } = setup();
    const tree = createCreditsTree(api, store, () => document);
    const [agentGroup] = tree.getChildren();
    const [agent] = tree.getChildren(agentGroup as CreditsTreeElement);
    const item = tree.getTreeItem(agent as CreditsTreeElement);
    assert.deepEqual([item.label, item.description, item.command?.command, item.command?.arguments], ['AI Agent', '≈ 1120 (570–2220) cr', REVEAL_NODE, ['AI Agent']]);
  });

  it('is empty when the active file is not a workflow', () => {
    const { api, store } = setup();
    const tree = createCreditsTree(api, store, () => new StubDocument('{"a": 1}', '/w/a.json'));
    assert.deepEqual(tree.getChildren(), []);
  });
});
