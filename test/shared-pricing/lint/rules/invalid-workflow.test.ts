import assert from 'node:assert/strict';
import { invalidWorkflow } from '../../../../shared-pricing/src/lint/rules/invalid-workflow';
import type { Finding } from '../../../../shared-pricing/src/estimate/types';
import { analysis, node, runRule } from '../support';

const at = (line: number) => ({ offset: 0, length: 1, line, column: 3 });

describe('invalid-workflow', () => {
  const cases: Array<{ does: string; ok: boolean; findings: Finding[]; nodeFindings: Finding[]; expected: Array<[number, string]> }> = [
    {
      does: 'report a file that is not a workflow with the estimator\'s reason and line',
      ok: false,
      findings: [{ ruleId: 'estimate/not-a-workflow', severity: 'error', range: at(4), message: 'not an n8n workflow: it has no "nodes" array' }],
      nodeFindings: [],
      expected: [[4, 'not an n8n workflow: it has no "nodes" array; nothing to estimate']],
    },
    {
      does: 'leave a file that does not parse to invalid-json',
      ok: false,
      findings: [{ ruleId: 'estimate/syntax', severity: 'error', range: at(4), message: 'workflow is not valid JSON at line 4, column 3: CommaExpected' }, { ruleId: 'estimate/not-a-workflow', severity: 'error', range: at(1), message: 'not an n8n workflow: the document is not a JSON object' }],
      nodeFindings: [],
      expected: [],
    },
    {
      does: 'leave cycles to retry-cycle and missing sub-workflows to missing-subworkflow',
      ok: true,
      findings: [
        { ruleId: 'estimate/cycle', severity: 'warning', range: at(9), message: 'connections form a cycle outside a Loop Over Items node (Wait → Check → Wait)' },
        { ruleId: 'estimate/sub-workflow', severity: 'warning', range: at(5), message: '"Call" calls workflow id "42", which was not found; its cost is not included' },
        { ruleId: 'estimate/syntax', severity: 'error', range: at(30), message: 'workflow is not valid JSON at line 30, column 2: EndOfFileExpected' },
      ],
      nodeFindings: [],
      expected: [],
    },
    { does: 'give a generic reason when the estimator gave none', ok: false, findings: [], nodeFindings: [], expected: [[1, 'not an n8n workflow; nothing to estimate']] },
    {
      does: 'pass on structural problems of a workflow, workflow and node level',
      ok: true,
      findings: [{ ruleId: 'estimate/missing-node', severity: 'warning', range: at(9), message: '"A" is connected to "X", which is not a node of this workflow' }],
      nodeFindings: [{ ruleId: 'estimate/batch-size', severity: 'error', range: at(7), message: 'batch size 0 is not possible; 1 assumed', node: 'Loop' }],
      expected: [
        [7, 'batch size 0 is not possible; 1 assumed'],
        [9, '"A" is connected to "X", which is not a node of this workflow'],
      ],
    },
    { does: 'leave out info remarks', ok: true, findings: [{ severity: 'info', range: at(2), message: 'fyi' }], nodeFindings: [], expected: [] },
  ];
  for (const c of cases) {
    it(`does ${c.does}`, () => {
      const input = analysis([node('Loop', 'n8n-nodes-base.splitInBatches', { findings: c.nodeFindings })], { ok: c.ok, findings: c.findings });
      assert.deepEqual(runRule(invalidWorkflow, input).map((f) => [f.range.line, f.message]), c.expected);
    });
  }

  it('does report a problem listed on both the workflow and its node once', () => {
    const problem: Finding = { ruleId: 'estimate/bad-batch-size', severity: 'warning', range: at(7), message: '"L" has batch size 0; n8n needs at least 1, so 1 is assumed', node: 'L' };
    const input = analysis([node('L', 'n8n-nodes-base.splitInBatches', { findings: [problem] })], { findings: [problem] });
    assert.deepEqual(runRule(invalidWorkflow, input).map((f) => [f.range.line, f.message]), [[7, '"L" has batch size 0; n8n needs at least 1, so 1 is assumed']]);
  });

  it('does report one problem of a kind by default and count the rest in one finding', () => {
    const dangling: Finding[] = [1, 2, 3].map((n) => ({ ruleId: 'estimate/missing-node', severity: 'warning', range: at(10 + n), message: `"A${n}" is connected to "X", which is not a node of this workflow` }));
    assert.deepEqual(runRule(invalidWorkflow, analysis([], { findings: dangling })).map((f) => [f.range.line, f.message]), [
      [11, '"A1" is connected to "X", which is not a node of this workflow'],
      [12, '2 more problems of this kind, the next: "A2" is connected to "X", which is not a node of this workflow'],
    ]);
  });

  it('does report maxPerKind problems of one kind and count the rest in one finding', () => {
    const dangling: Finding[] = [1, 2, 3, 4, 5].map((n) => ({ ruleId: 'estimate/missing-node', severity: 'warning', range: at(10 + n), message: `"A${n}" is connected to "X", which is not a node of this workflow` }));
    const input = analysis([], { findings: dangling });
    assert.deepEqual(runRule(invalidWorkflow, input, { maxPerKind: 2 }).map((f) => [f.range.line, f.message]), [
      [11, '"A1" is connected to "X", which is not a node of this workflow'],
      [12, '"A2" is connected to "X", which is not a node of this workflow'],
      [13, '3 more problems of this kind, the next: "A3" is connected to "X", which is not a node of this workflow'],
    ]);
  });
});
