import { formatCount, formatCredits, type NodeEstimate, type Range, type WorkflowAnalysis } from '../pricing';

/**
 * A readable estimate of one workflow: cost per execution (expected, min–max), per month with
 * its basis, the `top` most expensive nodes with runs and the multiplier path that produced
 * them, and every assumption the estimate used.
 */
export function formatEstimateTable(uri: string, analysis: WorkflowAnalysis, top: number): string {
  const out: string[] = [`${uri}${analysis.name ? ` — ${analysis.name}` : ''}`];
  out.push(`  per execution  ${range(analysis.perExecution)} credits`);
  const monthly = analysis.monthly;
  out.push(`  per month      ${range(monthly.credits)} credits (${runs(monthly.runsPerMonth)} runs: ${monthly.basis || 'no trigger'})`);
  const nodes = topNodes(analysis.nodes, top);
  if (nodes.length) {
    const rows = nodes.map((n) => [n.name, runs(n.runs), range(n.totalCredits), n.path.map((s) => s.description).join(' › ') || '-']);
    const header = ['node', 'runs', 'credits/execution', 'multiplied by'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
    const line = (cells: string[]) => '    ' + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ');
    out.push(`  top nodes`, line(header), ...rows.map(line));
  }
  const assumptions = [...analysis.assumptions, ...analysis.nodes.flatMap((n) => n.assumptions)];
  if (assumptions.length) {
    out.push('  assumptions');
    for (const a of dedupe(assumptions)) out.push(`    ${a.node ? `${a.node}: ` : ''}${a.name} = ${a.value} (${a.source})`);
  }
  return out.join('\n') + '\n';
}

/** "12.5 (2–40)" or "12.5" when min = max. */
function range(r: Range): string {
  const expected = formatCredits(r.expected);
  return r.min === r.max && r.min === r.expected ? expected : `${expected} (${formatCredits(r.min)}–${formatCredits(r.max)})`;
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
