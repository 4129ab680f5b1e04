import assert from 'node:assert/strict';
import sinon from 'sinon';
import { analyzeDocument } from '../../../vscode-extension/src/analysis/analyzeDocument';
import { fakeSettings, findingOn, LOOP_TEXT } from '../fixtures';

describe('unit: analyzeDocument', () => {
  it('analyses a workflow and indexes its nodes by name with their source location', () => {
    const result = analyzeDocument(LOOP_TEXT, 3, 'flow.json', fakeSettings());
    assert.equal(result.kind, 'workflow');
    assert.equal(result.version, 3);
    assert.equal(result.nodes.get('HTTP Request')?.location?.index, 2);
    assert.equal(result.nodes.get('HTTP Request')?.estimate.totalCredits.expected, 100000);
  });

  it('does not call the analysis for JSON that is not a workflow', () => {
    const settings = fakeSettings();
    const analyze = sinon.spy(settings, 'analyze');
    const result = analyzeDocument('{"compilerOptions": {}}', 1, 'tsconfig.json', settings);
    assert.equal(result.kind, 'other');
    assert.equal(analyze.callCount, 0);
  });

  it('refuses a file over the size limit with a message that names the setting', () => {
    const result = analyzeDocument(LOOP_TEXT, 1, 'flow.json', fakeSettings(undefined, { maxChars: 1000 }));
    assert.equal(result.kind, 'too-large');
    assert.equal(result.message, 'file is 0.0 MB, over the 0.0 MB limit (setting n8nCredits.maxFileSizeMB)'.replace('0.0 MB, over', `${(LOOP_TEXT.length / 1e6).toFixed(1)} MB, over`));
  });

  it('stays silent about large JSON that is not a workflow', () => {
    const big = JSON.stringify({ packages: Array.from({ length: 200 }, (_, i) => ({ name: `p${i}`, version: '1.0.0' })) });
    assert.equal(analyzeDocument(big, 1, 'package-lock.json', fakeSettings(undefined, { maxChars: 1000 })).kind, 'other');
  });

  it('turns an exception in the analysis into a failed result instead of throwing', () => {
    const settings = fakeSettings(undefined, { analyze: () => { throw new TypeError('boom'); } });
    const result = analyzeDocument(LOOP_TEXT, 1, 'flow.json', settings);
    assert.equal(result.kind, 'failed');
    assert.equal(result.message, 'analysis failed: boom');
  });

  it('adds the lint findings to the estimator findings, once each', () => {
    const estimator = findingOn(LOOP_TEXT, 'HTTP Request', 'estimate/fan-out', 'info', 'item count is a guess');
    const lint = findingOn(LOOP_TEXT, 'AI Agent', 'ai-in-loop', 'warning', 'AI step inside a loop');
    const settings = fakeSettings(() => [estimator], { lint: () => [lint, estimator] });
    const result = analyzeDocument(LOOP_TEXT, 1, 'flow.json', settings);
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['estimate/fan-out', 'ai-in-loop']);
  });
});
