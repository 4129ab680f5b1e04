import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeWorkflow } from '../../../shared-pricing/src/estimate';
import { priceExecution } from '../../../shared-pricing/src/execution';
import type { ExecutionRun, Workflow } from '../../../shared-pricing/src/execution/types';
import { getPlan } from '../../../shared-pricing/src/plans';
import { getPriceBook } from '../../../shared-pricing/src/price-book/loadPriceBook';
import { summarizeRun } from '../../support/n8n-engine/summarize-run';

// The run-data fixtures were captured from n8n's own engine (see test/fixtures/run-data/README.md).
const runData = join(__dirname, '..', '..', 'fixtures', 'run-data');
const book = getPriceBook('default');
// Editor runs are charged here so that the manual captures are metered like any execution.
const plan = { ...getPlan('spojit'), editorRunsFree: false };

function compare(name: string, codeItems: Record<string, number>): [number, number] {
  const text = readFileSync(join(runData, `${name}.workflow.json`), 'utf8');
  const run = JSON.parse(readFileSync(join(runData, `${name}.run.json`), 'utf8')) as ExecutionRun;
  const metered = priceExecution(run, JSON.parse(text) as Workflow, book, plan).totalMillicredits;
  const nodes = Object.fromEntries(Object.entries(codeItems).map(([node, items]) => [node, { itemsPerRun: items }]));
  return [analyzeWorkflow(text, book, { nodes }).perExecution.expected, metered];
}

describe('analyzeWorkflow: agrees with metering', () => {
  it('estimates a linear workflow to the millicredit of its metered run', () => {
    const [estimate, metered] = compare('linear', {});
    assert.equal(estimate, metered);
  });

  it('estimates Loop Over Items (100 items, batch 10) to the millicredit of its metered run', () => {
    const [estimate, metered] = compare('loop-over-items', { 'Make 100 Items': 100 });
    assert.equal(estimate, metered);
  });

  it('estimates a loop with a remainder batch (25 items, batch 10) to the millicredit', () => {
    const [estimate, metered] = compare('loop-remainder', { 'Make 25 Items': 25 });
    assert.equal(estimate, metered);
  });

  // Regression (issue 20): `done` was given the loop's input items (3), while n8n emits every item fed
  // back into the loop (12): the loop after it then ran 2 times instead of 4.
  it('estimates nested loops to the millicredit of their metered run', () => {
    const [estimate, metered] = compare('nested-loops', {});
    assert.equal(estimate, metered);
  });

  it('counts the runs and items of every node of nested loops as n8n\'s engine ran them', () => {
    const text = readFileSync(join(runData, 'nested-loops.workflow.json'), 'utf8');
    const engine = summarizeRun(JSON.parse(readFileSync(join(runData, 'nested-loops.run.json'), 'utf8')));
    const actual = Object.fromEntries(Object.entries(engine).map(([node, s]) => [node, [s.runs, s.itemsPerOutput.flat().reduce((a, b) => a + b, 0)]]));
    const estimated = Object.fromEntries(analyzeWorkflow(text, book).nodes.map((n) => [n.name, [n.runs.expected, n.items.expected]]));
    assert.deepEqual(estimated, actual);
  });
});
