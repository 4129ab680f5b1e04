import assert from 'node:assert/strict';
import { missingSubworkflow } from '../../../../shared-pricing/src/lint/rules/missing-subworkflow';
import type { Finding } from '../../../../shared-pricing/src/estimate/types';
import { analysis, node, runRule, summary } from '../support';

const at = (line: number) => ({ offset: 0, length: 1, line, column: 3 });
const notFound: Finding = { ruleId: 'estimate/sub-workflow', severity: 'warning', range: at(5), node: 'Call', message: '"Call" calls workflow id "42", which was not found; its cost is not included' };

describe('missing-subworkflow', () => {
  const cases: Array<{ does: string; findings: Finding[]; expected: Array<[string | undefined, string]> }> = [
    { does: 'report a called workflow that was not found, on its node', findings: [notFound], expected: [['Call', '"Call" calls workflow id "42", which was not found; its cost is not included']] },
    {
      does: 'report a called workflow that is not valid',
      findings: [{ ...notFound, message: '"Call" calls workflow path "child.json", which is not a valid workflow; its cost is not included' }],
      expected: [['Call', '"Call" calls workflow path "child.json", which is not a valid workflow; its cost is not included']],
    },
    { does: 'leave out a workflow chosen at run time (an info remark)', findings: [{ ...notFound, severity: 'info', message: 'chosen by an expression' }], expected: [] },
    { does: 'leave a sub-workflow cycle to invalid-workflow', findings: [{ ...notFound, ruleId: 'estimate/sub-workflow-cycle', message: 'sub-workflow calls form a cycle (self → self)' }], expected: [] },
  ];
  for (const c of cases) {
    it(`does ${c.does}`, () => {
      const input = analysis([node('Call', 'n8n-nodes-base.executeWorkflow', { findings: c.findings })], { findings: [] });
      assert.deepEqual(summary(runRule(missingSubworkflow, input)), c.expected);
    });
  }
});
