import assert from 'node:assert/strict';
import { analyzeWorkflow } from '../../../../shared-pricing/src/estimate';
import { lintWorkflow } from '../../../../shared-pricing/src/lint/lintWorkflow';
import { retryCycle } from '../../../../shared-pricing/src/lint/rules/retry-cycle';
import type { Finding } from '../../../../shared-pricing/src/estimate/types';
import { getPriceBook } from '../../../../shared-pricing/src/price-book/loadPriceBook';
import { analysis, runRule } from '../support';

const at = (line: number) => ({ offset: 0, length: 1, line, column: 3 });
const cycle = (n: number): Finding => ({ ruleId: 'estimate/cycle', severity: 'warning', range: at(10 + n), message: `connections form a cycle outside a Loop Over Items node (Wait${n} → Check${n} → Wait${n}); each node on it is counted once per pass and the cycle is not followed` });

describe('retry-cycle', () => {
  const cases: Array<{ does: string; findings: Finding[]; options: Record<string, number>; expected: number[] }> = [
    { does: 'report a cycle outside a loop with its line', findings: [cycle(1)], options: {}, expected: [11] },
    { does: 'report maxPerKind cycles and count the rest', findings: [cycle(1), cycle(2), cycle(3)], options: { maxPerKind: 1 }, expected: [11, 12] },
    { does: 'leave other problems to invalid-workflow', findings: [{ ruleId: 'estimate/missing-node', severity: 'warning', range: at(3), message: 'dangling' }], options: {}, expected: [] },
  ];
  for (const c of cases) {
    it(`does ${c.does}`, () => {
      assert.deepEqual(runRule(retryCycle, analysis([], { findings: c.findings }), c.options).map((f) => f.range.line), c.expected);
    });
  }

  // Regression (issue 20): a retry loop (a normal n8n pattern) was an invalid-workflow warning that could not be turned off alone.
  it('does stay silent by default on a retry loop, and reports it when turned on', () => {
    const node = (name: string, type: string) => ({ name, type, parameters: {}, typeVersion: 1, position: [0, 0] });
    const to = (name: string) => [[{ node: name, type: 'main', index: 0 }]];
    const text = JSON.stringify({ nodes: [node('Start', 'n8n-nodes-base.manualTrigger'), node('Call', 'n8n-nodes-base.httpRequest'), node('Failed?', 'n8n-nodes-base.if'), node('Wait', 'n8n-nodes-base.wait')], connections: { Start: { main: to('Call') }, Call: { main: to('Failed?') }, 'Failed?': { main: to('Wait') }, Wait: { main: to('Call') } } });
    const book = getPriceBook('default');
    const run = (config = {}) => lintWorkflow({ analysis: analyzeWorkflow(text, book), priceBook: book, text, config }).map((f) => f.ruleId);
    assert.deepEqual([run(), run({ 'retry-cycle': { severity: 'warning', options: {} } })], [[], ['retry-cycle']]);
  });
});
