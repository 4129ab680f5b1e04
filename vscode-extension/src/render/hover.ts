import { formatCredits, type NodeEstimate, type PriceBook } from '../../../shared-pricing/src';
import { formatCount, formatCreditRange } from './format';

/** A node's measured average from the ledger. */
export interface NodeActual {
  /** Average millicredits per execution. */
  average: number;
  executions: number;
}

function range(r: { expected: number; min: number; max: number }): string {
  return r.min === r.max ? formatCount(r.expected) : `${formatCount(r.expected)} (${formatCount(r.min)}–${formatCount(r.max)})`;
}

/** "est. 12 · actual 11.4 avg over 30 runs". */
export function actualText(node: NodeEstimate, actual: NodeActual): string {
  return `est. ${formatCredits(Math.round(node.totalCredits.expected))} · actual ${formatCredits(Math.round(actual.average))} avg over ${actual.executions} runs`;
}

/**
 * The hover over a node, in Markdown: the rule that priced it (class, rate, unit), items, runs,
 * the loop path, the AI model and token assumptions, and every assumption with its source and
 * how to change it.
 */
export function hoverMarkdown(node: NodeEstimate, book: PriceBook, actual?: NodeActual): string {
  const out = [`**${node.name}** · \`${node.type}\``, ''];
  out.push(`**≈ ${formatCreditRange(node.totalCredits)} credits per execution**${node.parent ? ` (counted in ${node.parent})` : ''}`, '');
  if (actual) out.push(`Ledger: ${actualText(node, actual)}`, '');
  const costClass = node.className ? book.classes[node.className] : undefined;
  if (costClass) {
    const rate = costClass.unit === 'tokens' ? 'by model and tokens' : `${formatCredits(costClass.rate)} cr per ${costClass.unit}${costClass.every ? ` (once every ${costClass.every} runs)` : ''}`;
    out.push(`- Priced by class \`${node.className}\`${node.explicit ? '' : ' (fallback: no rule matches this type)'}: ${rate}`);
  }
  out.push(`- Runs: ${range(node.runs)} · items per run: ${range(node.itemsPerRun)} · items: ${range(node.items)}`);
  if (node.llmCalls) out.push(`- LLM calls: ${range(node.llmCalls)}`);
  if (node.model) {
    const rate = book.models[node.model] ?? book.modelFallback;
    out.push(`- Model: \`${node.model}\`${node.modelFallback ? ' (unknown to the price book: fallback rates)' : ''}, ${formatCredits(rate.input)} cr / 1K input, ${formatCredits(rate.output)} cr / 1K output tokens`);
  }
  if (node.path.length) {
    out.push('', '**Multipliers**', '');
    for (const step of node.path) out.push(`- ${step.description} (×${range(step.factor)})`);
  }
  if (node.assumptions.length) {
    out.push('', '**Assumptions**', '');
    for (const a of node.assumptions) out.push(`- \`${a.name}\` = ${formatCount(a.value)}, from ${a.source}${a.unbounded ? ' (unbounded guess)' : ''}. To change: ${a.howToChange}`);
  }
  if (node.disabled) out.push('', '_Disabled: costs nothing._');
  else if (!node.reachable) out.push('', '_Not reached from a trigger: costs nothing._');
  return out.join('\n');
}
