import { formatCredits, type WorkflowAnalysis } from '../../../shared-pricing/src';
import { formatCount, formatCreditRange } from './format';

/** A table cell: pipes and newlines would break the table. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * The estimate as a Markdown table (nodes by cost), the totals and every assumption: what the
 * copy command puts on the clipboard and the breakdown view shows.
 */
export function estimateMarkdown(analysis: WorkflowAnalysis, title = analysis.name ?? analysis.fileName ?? 'workflow'): string {
  const lines = [`### ${cell(title)}: estimated credits`, '', `Price book: \`${analysis.priceBook}\``, ''];
  lines.push('| Node | Type | Runs | Items | Credits / execution |', '|---|---|---:|---:|---:|');
  const nodes = [...analysis.nodes].filter((n) => !n.parent).sort((a, b) => b.totalCredits.expected - a.totalCredits.expected || a.name.localeCompare(b.name));
  for (const node of nodes) {
    lines.push(`| ${cell(node.name)} | \`${cell(node.type)}\` | ${formatCount(node.runs.expected)} | ${formatCount(node.items.expected)} | ${formatCreditRange(node.totalCredits)} |`);
  }
  lines.push(`| **Per execution** | | | | **${formatCreditRange(analysis.perExecution)}** |`);
  const month = analysis.monthly;
  lines.push(`| **Per month** (${formatCount(month.runsPerMonth.expected)} runs${month.basis ? `: ${cell(month.basis)}` : ''}) | | | | **${formatCreditRange(month.credits)}** |`);
  if (analysis.assumptions.length) {
    lines.push('', '**Assumptions**', '');
    for (const a of analysis.assumptions) {
      lines.push(`- \`${a.name}\` = ${formatCount(a.value)}${a.node ? ` (${a.node})` : ''}, from ${a.source}: ${a.howToChange}`);
    }
  }
  lines.push('', `Amounts in credits (1 credit = 1000 millicredits); ${formatCredits(1000)} cr = one credit.`);
  return lines.join('\n') + '\n';
}
