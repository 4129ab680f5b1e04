import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeWorkflow, type AssumptionConfig, type NodeEstimate, type WorkflowAnalysis, type WorkflowRef } from '../../../shared-pricing/src/estimate';
import { loadPriceBook } from '../../../shared-pricing/src/price-book/loadPriceBook';

/** The test price book: round rates so expected figures can be worked out by hand (see its classes). */
export const book = loadPriceBook(readFileSync(join(__dirname, 'test.price-book.json'), 'utf8'));

/** The text of `<name>.workflow.json` beside these tests. */
export function fixture(name: string): string {
  return readFileSync(join(__dirname, `${name}.workflow.json`), 'utf8');
}

/** Finds fixtures by their workflow id, as the CLI finds files beside a workflow. */
export function resolveById(ref: WorkflowRef): string | undefined {
  const byId: Record<string, string> = { 'child-1': 'child', 'loop-a': 'calls-forth', 'loop-b': 'calls-back', 'parent-1': 'parent' };
  const name = byId[ref.value];
  return name ? fixture(name) : undefined;
}

/** Analyses a fixture with the test book. */
export function analyze(name: string, config?: AssumptionConfig): WorkflowAnalysis {
  return analyzeWorkflow(fixture(name), book, config, { fileName: `${name}.workflow.json`, resolveWorkflow: resolveById });
}

/** One node's estimate by name; fails the test when it is missing. */
export function nodeOf(analysis: WorkflowAnalysis, name: string): NodeEstimate {
  const found = analysis.nodes.find((n) => n.name === name);
  if (!found) throw new Error(`no node "${name}" in ${analysis.nodes.map((n) => n.name).join(', ')}`);
  return found;
}
