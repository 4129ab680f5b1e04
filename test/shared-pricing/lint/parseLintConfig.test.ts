import assert from 'node:assert/strict';
import { parseLintConfig } from '../../../shared-pricing/src/lint/parseLintConfig';

describe('parseLintConfig', () => {
  it('does read severities and [severity, options] entries', () => {
    const result = parseLintConfig({ rules: { 'ai-in-loop': 'off', 'high-frequency-schedule': ['error', { maxRunsPerMonth: 2880 }] } });
    assert.deepEqual(result, {
      ok: true,
      value: { 'ai-in-loop': { severity: 'off', options: {} }, 'high-frequency-schedule': { severity: 'error', options: { maxRunsPerMonth: 2880 } } },
    });
  });

  it('does return an empty config when there is no rules section (other keys are the estimator\'s)', () => {
    assert.deepEqual(parseLintConfig({ defaults: { itemsPerTrigger: 5 } }), { ok: true, value: {} });
  });

  it('does name an unknown rule with its JSON path', () => {
    const result = parseLintConfig({ rules: { 'no-such-rule': 'error' } });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.issues[0]?.path, '$.rules["no-such-rule"]');
  });

  it('does reject a severity that is not off, warning or error', () => {
    const result = parseLintConfig({ rules: { 'ai-in-loop': 'warn' } });
    assert.deepEqual(!result.ok && result.issues, [{ path: '$.rules["ai-in-loop"]', message: 'expected one of "off", "warning", "error", got "warn"' }]);
  });

  it('does reject an unknown option', () => {
    const result = parseLintConfig({ rules: { 'ai-in-loop': ['warning', { minRun: 3 }] } });
    assert.deepEqual(!result.ok && result.issues.map((i) => i.path), ['$.rules["ai-in-loop"][1].minRun']);
  });

  it('does reject an option below its minimum', () => {
    const result = parseLintConfig({ rules: { 'ai-in-loop': ['warning', { minRuns: 0 }] } });
    assert.deepEqual(!result.ok && result.issues, [{ path: '$.rules["ai-in-loop"][1].minRuns', message: 'expected an integer ≥ 1, got 0' }]);
  });

  it('does reject a string option outside its enum', () => {
    const result = parseLintConfig({ rules: { 'budget-per-month': ['error', { credits: 10, basis: 'median' }] } });
    assert.deepEqual(!result.ok && result.issues.map((i) => i.path), ['$.rules["budget-per-month"][1].basis']);
  });

  it('does accept a fractional credits budget', () => {
    const result = parseLintConfig({ rules: { 'budget-per-execution': ['error', { credits: 2.5 }] } });
    assert.deepEqual(result.ok && result.value['budget-per-execution'], { severity: 'error', options: { credits: 2.5 } });
  });

  it('does reject rules that are not an object', () => {
    assert.deepEqual(parseLintConfig({ rules: [] }), { ok: false, issues: [{ path: '$.rules', message: 'expected an object, got an array' }] });
  });
});
