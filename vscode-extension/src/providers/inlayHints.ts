import { isStickyNote } from '../../../shared-pricing/src';
import type { EventEmitter, InlayHint, InlayHintsProvider, Range, TextDocument, VscodeApi } from '../api';
import type { WorkflowStore } from '../analysis/workflowStore';
import { toPosition } from '../analysis/ranges';
import { inlayLabel } from '../render/format';

/** An inlay hint after each node's (but a sticky note's) `"type": "…"` value with its credits per execution. */
export function createInlayHintsProvider(api: VscodeApi, store: WorkflowStore): InlayHintsProvider & { changed: EventEmitter<void> } {
  const changed = new api.EventEmitter<void>();
  return {
    changed,
    onDidChangeInlayHints: changed.event,
    provideInlayHints(document: TextDocument, range: Range): InlayHint[] {
      const entry = store.get(document);
      if (!entry?.analysis || entry.kind !== 'workflow') return [];
      const hints: InlayHint[] = [];
      for (const { estimate, location } of entry.nodes.values()) {
        if (location?.typeValueEnd === undefined || isStickyNote(estimate.type)) continue;
        const position = toPosition(api, entry, location.typeValueEnd);
        if (position.line < range.start.line || position.line > range.end.line) continue;
        const hint = new api.InlayHint(position, inlayLabel(estimate), api.InlayHintKind.Type);
        hint.paddingLeft = true;
        hints.push(hint);
      }
      return hints;
    },
  };
}
