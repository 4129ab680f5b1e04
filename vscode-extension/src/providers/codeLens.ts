import { isStickyNote } from '../../../shared-pricing/src';
import type { CodeLens, CodeLensProvider, EventEmitter, TextDocument, VscodeApi } from '../api';
import type { WorkflowStore } from '../analysis/workflowStore';
import { toRange } from '../analysis/ranges';
import { nodeLensTitle, summaryLensTitle, type Budgets } from '../render/format';
import { actualText, type NodeActual } from '../render/hover';

/** Commands the lenses run when clicked. */
export const SHOW_BREAKDOWN = 'n8nCredits.showBreakdown';
export const SHOW_NODE = 'n8nCredits.showNodeBreakdown';

export interface CodeLensOptions {
  budgets(): Budgets;
  /** Measured averages from the ledger, by node name, when a ledger is connected. */
  actuals?(document: TextDocument): Map<string, NodeActual> | undefined;
}

/**
 * CodeLens over each node but sticky notes ("≈ 1.2 cr/run · ×100 runs in Loop Over Items → 120") and at the top
 * of the file (per execution, min–max, per month). Clicking shows the breakdown.
 */
export function createCodeLensProvider(api: VscodeApi, store: WorkflowStore, options: CodeLensOptions): CodeLensProvider & { changed: EventEmitter<void> } {
  const changed = new api.EventEmitter<void>();
  return {
    changed,
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document: TextDocument): CodeLens[] {
      const entry = store.get(document);
      if (!entry?.analysis || entry.kind !== 'workflow') return [];
      const top = new api.Range(new api.Position(0, 0), new api.Position(0, 0));
      const lenses: CodeLens[] = [new api.CodeLens(top, { title: summaryLensTitle(entry.analysis, options.budgets()), command: SHOW_BREAKDOWN, arguments: [document.uri] })];
      const actuals = options.actuals?.(document);
      for (const { estimate, location } of entry.nodes.values()) {
        // A canvas note never runs: a lens over it would only say so.
        if (isStickyNote(estimate.type)) continue;
        const offset = location?.offset ?? estimate.range.offset;
        const range = toRange(api, entry, offset, 0);
        lenses.push(new api.CodeLens(range, { title: nodeLensTitle(estimate), command: SHOW_NODE, arguments: [document.uri, estimate.name] }));
        const actual = actuals?.get(estimate.name);
        if (actual) lenses.push(new api.CodeLens(range, { title: actualText(estimate, actual), command: SHOW_NODE, arguments: [document.uri, estimate.name] }));
      }
      return lenses;
    },
  };
}
