import assert from 'node:assert/strict';
import { analyzeFile } from '../../cli/src/estimate/analyzeFile';
import { lintExitCode, type LintSummary } from '../../cli/src/lint/summarize';
import { getPriceBook } from '../../shared-pricing/src/price-book/loadPriceBook';

const base: LintSummary = { files: 3, workflows: 3, notWorkflows: 0, failed: 0, errors: 0, warnings: 0 };

describe('lintExitCode', () => {
  const cases: Array<[string, Partial<LintSummary>, number | undefined, number]> = [
    ['0 for a clean run', {}, undefined, 0],
    ['0 for warnings without --max-warnings', { warnings: 9 }, undefined, 0],
    ['0 for warnings up to --max-warnings', { warnings: 2 }, 2, 0],
    ['1 for more warnings than --max-warnings', { warnings: 3 }, 2, 1],
    ['1 for an error finding', { errors: 1 }, undefined, 1],
    ['0 with non-workflow files beside workflows', { notWorkflows: 2, workflows: 1, warnings: 2 }, undefined, 0],
    ['2 when no file is a workflow', { workflows: 0, notWorkflows: 3, warnings: 3 }, undefined, 2],
    ['2 when a file failed, even with errors', { failed: 1, workflows: 2, errors: 4 }, undefined, 2],
  ];
  for (const [does, summary, maxWarnings, code] of cases) {
    it(`does give ${does}`, () => {
      assert.equal(lintExitCode({ ...base, ...summary }, maxWarnings), code);
    });
  }
});

describe('analyzeFile', () => {
  it('does record a file that cannot be read instead of throwing', () => {
    const settings = { priceBook: getPriceBook('default'), assumptions: {}, lintConfig: {}, budgets: {} };
    const result = analyzeFile('/nonexistent/flow.json', 'flow.json', settings, () => undefined);
    assert.deepEqual(result, { file: '/nonexistent/flow.json', uri: 'flow.json', error: 'cannot read: ENOENT' });
  });
});
