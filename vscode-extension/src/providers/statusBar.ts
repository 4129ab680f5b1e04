import type { StatusBarItem, TextDocument, VscodeApi } from '../api';
import type { WorkflowStore } from '../analysis/workflowStore';
import { formatCredits } from '../../../shared-pricing/src';
import { formatCreditRange, overBudget, type Budgets } from '../render/format';
import { SHOW_BREAKDOWN } from './codeLens';

/**
 * The status bar item: the active workflow's credits per execution and per month, a warning
 * colour over budget, and the reason when a file could not be analysed or the price book is bad.
 */
export function createStatusBar(api: VscodeApi, store: WorkflowStore, item: StatusBarItem, budgets: () => Budgets) {
  let settingsProblem: string | undefined;
  const update = (document: TextDocument | undefined) => {
    const entry = document && store.get(document);
    item.backgroundColor = undefined;
    if (!document || !entry || entry.kind === 'other') {
      if (settingsProblem) show(`$(warning) n8n Credits: ${settingsProblem}`, settingsProblem, true);
      else item.hide();
      return;
    }
    if (entry.kind !== 'workflow' || !entry.analysis) {
      show(`$(warning) n8n Credits: ${entry.kind === 'too-large' ? 'file too large' : 'analysis failed'}`, entry.message ?? '', true);
      return;
    }
    const a = entry.analysis;
    const over = overBudget(a, budgets());
    const text = `$(credit-card) ≈ ${formatCredits(Math.round(a.perExecution.expected))} cr/exec · ${formatCredits(Math.round(a.monthly.credits.expected))} cr/mo`;
    const tooltip = [`n8n Credits (${a.priceBook}): ≈ ${formatCreditRange(a.perExecution)} credits per execution, ≈ ${formatCreditRange(a.monthly.credits)} per month`, a.monthly.basis, over.replace(/^ · /, ''), entry.stale ? 'the JSON is incomplete: showing the estimate of the last readable version' : '', settingsProblem ?? ''].filter(Boolean).join('\n');
    show(over || settingsProblem ? `$(warning) ${text.replace(/^\$\(credit-card\) /, '')}` : text, tooltip, Boolean(over || settingsProblem));
  };
  function show(text: string, tooltip: string, warn: boolean) {
    item.text = text;
    item.tooltip = tooltip;
    item.command = SHOW_BREAKDOWN;
    item.backgroundColor = warn ? new api.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  }
  return {
    update,
    /** A settings problem (e.g. the price book does not validate), shown until cleared with undefined. */
    setProblem(problem: string | undefined, document: TextDocument | undefined) {
      settingsProblem = problem;
      update(document);
    },
  };
}
