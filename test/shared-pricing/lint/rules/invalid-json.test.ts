import assert from 'node:assert/strict';
import { analyzeWorkflow } from '../../../../shared-pricing/src/estimate';
import { lintWorkflow } from '../../../../shared-pricing/src/lint/lintWorkflow';
import { invalidJson } from '../../../../shared-pricing/src/lint/rules/invalid-json';
import type { Finding } from '../../../../shared-pricing/src/estimate/types';
import { getPriceBook } from '../../../../shared-pricing/src/price-book/loadPriceBook';
import { analysis, runRule } from '../support';

const at = (line: number) => ({ offset: 0, length: 1, line, column: 2 });

describe('invalid-json', () => {
  const cases: Array<{ does: string; ok: boolean; findings: Finding[]; expected: Array<[number, string]> }> = [
    {
      does: 'report broken JSON with its line, even when the nodes before it were analysed',
      ok: true,
      findings: [{ ruleId: 'estimate/syntax', severity: 'error', range: at(973), message: 'workflow is not valid JSON at line 973, column 2: InvalidSymbol' }],
      expected: [[973, 'workflow is not valid JSON at line 973, column 2: InvalidSymbol']],
    },
    {
      does: 'report a file that does not parse as an object at all',
      ok: false,
      findings: [{ ruleId: 'estimate/syntax', severity: 'error', range: at(1), message: 'workflow is not valid JSON at line 1, column 2: ValueExpected' }, { ruleId: 'estimate/not-a-workflow', severity: 'error', range: at(1), message: 'not an n8n workflow: the document is not a JSON object' }],
      expected: [[1, 'workflow is not valid JSON at line 1, column 2: ValueExpected']],
    },
    {
      does: 'leave other problems to the other rules',
      ok: true,
      findings: [{ ruleId: 'estimate/missing-node', severity: 'warning', range: at(3), message: '"A" is connected to "X", which is not a node of this workflow' }],
      expected: [],
    },
  ];
  for (const c of cases) {
    it(`does ${c.does}`, () => {
      assert.deepEqual(runRule(invalidJson, analysis([], { ok: c.ok, findings: c.findings })).map((f) => [f.range.line, f.message]), c.expected);
    });
  }

  // Regression (issue 20): broken JSON was an invalid-workflow warning, so the lint run exited 0.
  it('does make truncated workflow JSON an error by default', () => {
    const text = '{ "nodes": [\n  { "name": "Start", "type": "n8n-nodes-base.manualTrigger", "parameters": {} }\n], "connections": {}\n}\n}';
    const findings = lintWorkflow({ analysis: analyzeWorkflow(text, getPriceBook('default')), priceBook: getPriceBook('default'), text });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.range.line]), [['invalid-json', 'error', 5]]);
  });
});
