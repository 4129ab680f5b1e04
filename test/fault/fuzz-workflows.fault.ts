/**
 * 10,000 seeded mutations of the fixture workflows through `analyzeWorkflow` and every lint rule:
 * no exception escapes, every case ends within a generous hang guard (the slowest is printed, not
 * asserted as a target), and the totals stay finite numbers.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeWorkflow, getPriceBook, lintWorkflow } from '../../shared-pricing/src';
import { MUTATIONS, mutate, type Mutation } from './support/mutate';

const CASES = 10_000;
const HANG_GUARD_MS = 2_000;
const SEED = 8_2026;

function fixtureFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'e2e' && entry.name !== 'fault') fixtureFiles(path, out);
    else if (entry.isFile() && entry.name.endsWith('.workflow.json')) out.push(path);
  }
  return out.sort();
}

const finite = (r: { expected: number; min: number; max: number }) => [r.expected, r.min, r.max].every(Number.isFinite);

describe('fuzzing the estimator and the linter with mutated workflows', () => {
  const sources: Array<{ file: string; text: string }> = [];
  const thrown: string[] = [];
  const notFinite: string[] = [];
  const slow: string[] = [];
  const kindsSeen = new Map<Mutation, number>();
  let maxMs = 0;
  let maxCase = '';
  let findings = 0;
  let notWorkflows = 0;

  before(function () {
    this.timeout(600_000);
    const root = join(__dirname, '..');
    for (const file of fixtureFiles(root)) {
      const text = readFileSync(file, 'utf8');
      try {
        JSON.parse(text);
        sources.push({ file: file.slice(root.length + 1), text });
      } catch {
        // fixtures that are broken on purpose are mutated as they are by the other cases
      }
    }
    const book = getPriceBook('default');
    for (let i = 0; i < CASES; i++) {
      const source = sources[i % sources.length]!;
      const seed = SEED + i;
      const { text, kinds } = mutate(source.text, seed);
      for (const k of kinds) kindsSeen.set(k, (kindsSeen.get(k) ?? 0) + 1);
      const label = `case ${i} (seed ${seed}, ${source.file}, ${kinds.join('+')})`;
      const start = process.hrtime.bigint();
      try {
        const analysis = analyzeWorkflow(text, book);
        const lint = lintWorkflow({ analysis, priceBook: book, text });
        findings += analysis.findings.length + lint.length;
        if (!analysis.ok) notWorkflows++;
        if (!finite(analysis.perExecution) || !finite(analysis.monthly.credits)) notFinite.push(`${label}: ${JSON.stringify(analysis.perExecution)}`);
      } catch (err) {
        thrown.push(`${label}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
      }
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (ms > maxMs) {
        maxMs = ms;
        maxCase = label;
      }
      if (ms > HANG_GUARD_MS) slow.push(`${label}: ${ms.toFixed(0)} ms`);
    }
    console.log(`      ${CASES} mutated workflows from ${sources.length} fixtures: ${thrown.length} threw, ${notWorkflows} not workflows, ${findings} findings; slowest ${maxMs.toFixed(1)} ms (${maxCase})`);
    const byError = new Map<string, string[]>();
    for (const t of thrown) {
      const error = t.slice(t.indexOf('): ') + 3);
      byError.set(error, [...(byError.get(error) ?? []), t.slice(0, t.indexOf('): ') + 1)]);
    }
    for (const [error, cases] of byError) console.log(`      threw ${cases.length}×: ${error}, first ${cases[0]}`);
    console.log(`      mutations: ${[...kindsSeen].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  });

  it('derives the cases from at least 40 fixture workflows and uses every kind of mutation', () => {
    assert.ok(sources.length >= 40, `only ${sources.length} fixtures`);
    assert.deepEqual([...kindsSeen.keys()].sort(), [...MUTATIONS].sort());
  });

  it('lets no exception escape the analysis or the lint rules', () => {
    assert.deepEqual(thrown.slice(0, 10), []);
  });

  it('ends every case within the hang guard', () => {
    assert.deepEqual(slow.slice(0, 10), []);
  });

  it('keeps the per-execution and monthly totals finite', () => {
    assert.deepEqual(notFinite.slice(0, 10), []);
  });
});
