import type { CodeAction, CodeActionProvider, Diagnostic, Range, TextDocument, VscodeApi } from '../api';
import type { NodeEstimate, PriceBook, WorkflowDocument } from '../../../shared-pricing/src';
import type { WorkflowStore } from '../analysis/workflowStore';
import { cheaperModels } from '../analysis/cheaperModels';
import { modelPath, nodePath, setValue, valueAt } from '../analysis/editWorkflow';
import type { Edit } from 'jsonc-parser';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

/** The command of the "open the rule's doc" fix; its argument is the rule id. */
export const OPEN_RULE_DOC = 'n8nCredits.openRuleDoc';

/** Batch sizes offered for a loop, above its current one. */
const BATCH_SIZES = [10, 50, 100, 500];

/** The short key of an assumption in a node's notes (`credits: items=500`), as the estimator reads them. */
const NOTES_KEYS: Record<string, string> = {
  itemsPerTrigger: 'items', itemsPerFanOut: 'items', itemsPerRun: 'items', subWorkflowItems: 'items', maxItems: 'items',
  branchShare: 'share', agentIterations: 'iterations', inputTokensPerCall: 'input', outputTokensPerCall: 'output', runsPerMonth: 'runs',
};
function notesKey(name: string): string {
  return NOTES_KEYS[name] ?? name;
}

/**
 * Quick fixes for the n8n Credits diagnostics: switch to a cheaper model from the price book,
 * set `executeOnce`, change the enclosing loop's batch size, write the assumption the estimate
 * guessed into the node's notes, and open the rule's documentation.
 */
export function createCodeActionProvider(api: VscodeApi, store: WorkflowStore): CodeActionProvider {
  return {
    provideCodeActions(document: TextDocument, _range: Range, context: { diagnostics: readonly Diagnostic[] }): CodeAction[] {
      const entry = store.get(document);
      if (!entry?.analysis || entry.kind !== 'workflow') return [];
      const text = document.getText();
      // Edits are made against the parse of this very text; a stale entry (half-typed JSON) gets none.
      const parsed = entry.document?.text === text ? entry.document : undefined;
      const actions: CodeAction[] = [];
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        const offset = document.offsetAt(diagnostic.range.start);
        const node = nodeAt(entry.nodes, offset);
        const fix = (title: string, edits: Edit[], preferred = false) => {
          if (!edits.length) return;
          const action = new api.CodeAction(title, api.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.edit = new api.WorkspaceEdit();
          for (const e of edits) action.edit.replace(document.uri, new api.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.content);
          action.isPreferred = preferred;
          actions.push(action);
        };
        if (node && parsed) {
          const path = nodePath(parsed, node.name);
          if (path) {
            for (const [i, { title, edits }] of modelFixes(parsed, node, entry.nodes, store.current.priceBook).entries()) fix(title, edits, i === 0);
            if (!node.path.some((s) => s.kind === 'execute-once') && (node.runs.expected > 1 || node.items.expected > 1) && !node.parent) {
              fix(`Set executeOnce on "${node.name}" (run once for all items)`, setValue(text, [...path, 'executeOnce'], true));
            }
            const loop = node.loops[node.loops.length - 1];
            const loopPath = loop ? nodePath(parsed, loop) : undefined;
            if (loop && loopPath) {
              const current = valueAt(parsed, [...loopPath, 'parameters', 'batchSize']);
              const size = typeof current === 'number' ? current : 1;
              for (const next of BATCH_SIZES.filter((n) => n > size).slice(0, 2)) fix(`Set the batch size of "${loop}" to ${next}`, setValue(text, [...loopPath, 'parameters', 'batchSize'], next));
            }
            const guess = node.assumptions.find((a) => a.source === 'default' && a.unbounded) ?? node.assumptions.find((a) => a.source === 'default');
            if (guess) {
              const notes = valueAt(parsed, [...path, 'notes']);
              const line = `credits: ${notesKey(guess.name)}=${guess.value}`;
              fix(`Write the assumption "${line}" into the notes of "${node.name}"`, setValue(text, [...path, 'notes'], typeof notes === 'string' && notes ? `${notes}\n${line}` : line));
            }
          }
        }
        const ruleId = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : diagnostic.code;
        if (ruleId) {
          const action = new api.CodeAction(`Open the documentation of ${ruleId}`, api.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.command = { title: `Open ${ruleId}`, command: OPEN_RULE_DOC, arguments: [String(ruleId)] };
          actions.push(action);
        }
      }
      return actions;
    },
  };
}

/** The node whose source range holds `offset` (the innermost one). */
function nodeAt(nodes: Map<string, { estimate: NodeEstimate; location?: { offset: number; length: number } }>, offset: number): NodeEstimate | undefined {
  let best: { estimate: NodeEstimate; length: number } | undefined;
  for (const { estimate, location } of nodes.values()) {
    const at = location ?? estimate.range;
    if (offset >= at.offset && offset <= at.offset + at.length && (!best || at.length < best.length)) best = { estimate, length: at.length };
  }
  return best?.estimate;
}

/** "Switch to a cheaper model" edits for the node, or for its model sub-nodes when it is an agent. */
function modelFixes(parsed: WorkflowDocument, node: NodeEstimate, nodes: Map<string, { estimate: NodeEstimate }>, book: PriceBook): { title: string; edits: Edit[] }[] {
  const candidates = [node, ...[...nodes.values()].map((n) => n.estimate).filter((n) => n.parent === node.name)];
  const fixes: { title: string; edits: Edit[] }[] = [];
  for (const candidate of candidates) {
    const path = nodePath(parsed, candidate.name);
    const found = path && modelPath(parsed, path);
    if (!found) continue;
    for (const model of cheaperModels(book, found.model)) {
      fixes.push({ title: `Switch "${candidate.name}" to the cheaper model ${model}`, edits: setValue(parsed.text, found.path, model) });
    }
  }
  return fixes;
}
