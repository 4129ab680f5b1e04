import type { EventEmitter, TextDocument, TreeDataProvider, TreeItem, VscodeApi } from '../api';
import { isStickyNote, type NodeEstimate } from '../../../shared-pricing/src';
import type { WorkflowStore } from '../analysis/workflowStore';
import { formatCreditRange } from '../render/format';

/** The command a node item runs: reveal the node in the editor. */
export const REVEAL_NODE = 'n8nCredits.revealNode';

export type CreditsTreeElement =
  | { kind: 'type'; type: string; nodes: NodeEstimate[]; total: number }
  | { kind: 'node'; node: NodeEstimate };

/**
 * The Credits view: the active workflow's node types by cost, each with its nodes by cost.
 * Sub-nodes are counted in their parent and not listed twice.
 */
export function createCreditsTree(api: VscodeApi, store: WorkflowStore, activeDocument: () => TextDocument | undefined): TreeDataProvider<CreditsTreeElement> & { changed: EventEmitter<CreditsTreeElement | undefined> } {
  const changed = new api.EventEmitter<CreditsTreeElement | undefined>();
  return {
    changed,
    onDidChangeTreeData: changed.event,
    getChildren(element?: CreditsTreeElement): CreditsTreeElement[] {
      if (element?.kind === 'type') return element.nodes.map((node) => ({ kind: 'node', node }));
      if (element) return [];
      const document = activeDocument();
      const entry = document && store.get(document);
      if (!entry?.analysis || entry.kind !== 'workflow') return [];
      const groups = new Map<string, NodeEstimate[]>();
      for (const node of entry.analysis.nodes) {
        if (node.parent || isStickyNote(node.type)) continue;
        groups.set(node.type, [...(groups.get(node.type) ?? []), node]);
      }
      const byCost = (a: NodeEstimate, b: NodeEstimate) => b.totalCredits.expected - a.totalCredits.expected || a.name.localeCompare(b.name);
      return [...groups.entries()]
        .map(([type, nodes]) => ({ kind: 'type' as const, type, nodes: nodes.sort(byCost), total: nodes.reduce((sum, n) => sum + n.totalCredits.expected, 0) }))
        .sort((a, b) => b.total - a.total || a.type.localeCompare(b.type));
    },
    getTreeItem(element: CreditsTreeElement): TreeItem {
      if (element.kind === 'type') {
        const item = new api.TreeItem(element.type, api.TreeItemCollapsibleState.Expanded);
        item.description = `≈ ${formatCreditRange({ expected: element.total, min: element.total, max: element.total })} cr · ${element.nodes.length} node${element.nodes.length === 1 ? '' : 's'}`;
        item.contextValue = 'nodeType';
        return item;
      }
      const item = new api.TreeItem(element.node.name, api.TreeItemCollapsibleState.None);
      item.description = `≈ ${formatCreditRange(element.node.totalCredits)} cr`;
      item.tooltip = `${element.node.name} (${element.node.type}): ${item.description} per execution`;
      item.contextValue = 'node';
      item.command = { title: 'Reveal node', command: REVEAL_NODE, arguments: [element.node.name] };
      return item;
    },
  };
}
