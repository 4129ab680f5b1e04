import type { Hover, HoverProvider, Position, TextDocument, VscodeApi } from '../api';
import type { WorkflowStore } from '../analysis/workflowStore';
import { toRange } from '../analysis/ranges';
import { hoverMarkdown, type NodeActual } from '../render/hover';

/**
 * Hover on a node: how it was priced (class, rate, unit), items, runs, the loop path, the model
 * and tokens, each assumption with its source and how to change it. The innermost node wins.
 */
export function createHoverProvider(api: VscodeApi, store: WorkflowStore, actuals?: (document: TextDocument) => Map<string, NodeActual> | undefined): HoverProvider {
  return {
    provideHover(document: TextDocument, position: Position): Hover | undefined {
      const entry = store.get(document);
      if (!entry?.analysis || entry.kind !== 'workflow') return undefined;
      const offset = document.offsetAt(position);
      let best: { name: string; offset: number; length: number } | undefined;
      for (const { estimate, location } of entry.nodes.values()) {
        const at = location ?? estimate.range;
        if (offset >= at.offset && offset <= at.offset + at.length && (!best || at.length < best.length)) best = { name: estimate.name, offset: at.offset, length: at.length };
      }
      if (!best) return undefined;
      const node = entry.nodes.get(best.name)?.estimate;
      if (!node) return undefined;
      const markdown = new api.MarkdownString(hoverMarkdown(node, store.current.priceBook, actuals?.(document)?.get(node.name)));
      return new api.Hover(markdown, toRange(api, entry, best.offset, best.length));
    },
  };
}
