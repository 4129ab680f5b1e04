import { formatCount, formatCredits, type NodeEstimate, type PriceBook, type Range, type WorkflowAnalysis } from '../pricing';
import { nodePrice, type NodePrice } from '../estimate/nodePrice';
import { paint as noPaint, type Paint } from './color';
import { displayRange } from './displayCredits';

/** Marks a price the book did not set for this node (fallback class or fallback model rates). */
export const FALLBACK_MARK = '*';

/**
 * A readable estimate of one workflow: cost per execution (expected, min–max) and per month with its basis,
 * rounded for reading (`displayCredits`); the `top` most expensive nodes with the price class, rate and model
 * they were priced at (fallback prices marked), runs and the multiplier path; and every assumption used.
 */
export function formatEstimateTable(path: string, analysis: WorkflowAnalysis, book: PriceBook, top: number, paint: Paint = noPaint(false)): string {
  const out: string[] = [paint.bold(`${path}${analysis.name ? ` — ${analysis.name}` : ''}`)];
  out.push(`  per execution  ${displayRange(analysis.perExecution)} credits`);
  const monthly = analysis.monthly;
  out.push(`  per month      ${displayRange(monthly.credits)} credits (${runs(monthly.runsPerMonth)} runs: ${monthly.basis || 'no trigger'})`);
  const nodes = topNodes(analysis.nodes, top);
  let fallback = false;
  if (nodes.length) {
    const rows = nodes.map((n) => {
      const price = nodePrice(n, analysis.nodes, book);
      fallback ||= price.fallbackClass || price.modelFallback;
      const model = price.model === undefined ? '-' : `${price.model}${price.modelFallback ? FALLBACK_MARK : ''}`;
      return [n.name, `${price.className ?? '-'}${price.fallbackClass ? FALLBACK_MARK : ''}`, rate(price), model, runs(n.runs), displayRange(n.totalCredits), n.path.map((s) => s.description).join(' › ') || '-'];
    });
    const header = ['node', 'class', 'rate (credits)', 'model', 'runs', 'credits/execution', 'multiplied by'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
    const line = (cells: string[]) => '    ' + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ');
    out.push('  top nodes', paint.dim(line(header)), ...rows.map(line));
    if (fallback) out.push(paint.yellow(`    ${FALLBACK_MARK} fallback price: the price book has no rule for this node type, or does not know this model`));
  }
  const assumptions = [...analysis.assumptions, ...analysis.nodes.flatMap((n) => n.assumptions)];
  if (assumptions.length) {
    out.push('  assumptions');
    for (const a of dedupe(assumptions)) out.push(`    ${a.node ? `${a.node}: ` : ''}${a.name} = ${a.value} (${a.source})`);
  }
  return out.join('\n') + '\n';
}

/** The rate as the price book states it, exact (rates are prices, not estimates): "1/run", "2.5/10 per 1K tokens". */
function rate(price: NodePrice): string {
  if (price.modelRate && price.unit === 'tokens') return `${formatCredits(price.modelRate.input)}/${formatCredits(price.modelRate.output)} per 1K tokens in/out`;
  if (price.rate === undefined || price.unit === undefined) return price.modelRate ? 'by sub-nodes' : '-';
  if (price.unit === 'helper') return `${formatCredits(price.rate)}/${price.every ?? 1} runs`;
  return `${formatCredits(price.rate)}/${price.unit}`;
}

/** Run counts are plain numbers, not millicredits. */
function runs(r: Range): string {
  const expected = formatCount(r.expected);
  return r.min === r.max && r.min === r.expected ? expected : `${expected} (${formatCount(r.min)}–${formatCount(r.max)})`;
}

function topNodes(nodes: readonly NodeEstimate[], top: number): NodeEstimate[] {
  return nodes
    .filter((n) => n.parent === undefined && !n.disabled && n.totalCredits.expected > 0)
    .sort((a, b) => b.totalCredits.expected - a.totalCredits.expected || a.name.localeCompare(b.name))
    .slice(0, top);
}

function dedupe<T extends { name: string; node?: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((a) => {
    const key = `${a.node ?? ''}\u0000${a.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
