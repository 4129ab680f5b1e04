import { strict as assert } from 'node:assert';
import { getPlan, validatePlan } from '../execution/pricing';

const good = () => JSON.parse(JSON.stringify(getPlan('spojit'))) as Record<string, any>;
const issuesOf = (value: unknown) => {
  const result = validatePlan(value);
  return result.ok ? [] : result.issues.map((i) => i.path);
};

describe('validatePlan', () => {
  it('accepts every preset', () => {
    assert.deepEqual(['twenty', 'twenty-yearly', 'spojit', 'monkedo', 'amplience'].map((n) => validatePlan(getPlan(n)).ok), [true, true, true, true, true]);
  });

  it('names the path of a pack price that is not an integer', () => {
    const plan = good();
    plan.topUps.packs[1].price = 45.5;
    const result = validatePlan(plan);
    assert.deepEqual(result.ok ? [] : result.issues, [{ path: '$.topUps.packs[1].price', message: 'expected an integer ≥ 0, got 45.5' }]);
  });

  it('names the path of an unknown exhaustion policy', () => {
    assert.deepEqual(issuesOf({ ...good(), exhaustion: 'panic' }), ['$.exhaustion']);
  });

  it('accepts admissionEstimate expected or max, or none, and names the path of anything else', () => {
    assert.deepEqual([issuesOf({ ...good(), admissionEstimate: 'expected' }), issuesOf({ ...good(), admissionEstimate: 'max' }), issuesOf({ ...good(), admissionEstimate: 'min' })], [[], [], ['$.admissionEstimate']]);
  });

  it('says what admissionEstimate may be', () => {
    const result = validatePlan({ ...good(), admissionEstimate: 3 });
    assert.deepEqual(result.ok ? [] : result.issues, [{ path: '$.admissionEstimate', message: 'expected one of "expected", "max", got 3' }]);
  });

  it('reports a misspelt key instead of ignoring it', () => {
    assert.deepEqual(issuesOf({ ...good(), editorRunFree: true }), ['$.editorRunFree']);
  });

  it('accepts null for no daily limit and refuses 0', () => {
    assert.deepEqual([issuesOf({ ...good(), dailyLimit: null }), issuesOf({ ...good(), dailyLimit: 0 })], [[], ['$.dailyLimit']]);
  });

  it('refuses a consecutive-failure limit that is not a whole number ≥ 1', () => {
    assert.deepEqual(issuesOf({ ...good(), consecutiveFailureLimit: 2.5 }), ['$.consecutiveFailureLimit']);
  });

  it('refuses two packs with the same id', () => {
    const plan = good();
    plan.topUps.packs[2].id = plan.topUps.packs[0].id;
    assert.deepEqual(issuesOf(plan), ['$.topUps.packs[2].id']);
  });

  it('refuses a lifetime in days without a number of days', () => {
    const plan = good();
    plan.topUps.lifetime = { kind: 'days' };
    assert.deepEqual(issuesOf(plan), ['$.topUps.lifetime.days']);
  });

  it('refuses a currency that is not a three-letter code', () => {
    const plan = good();
    plan.topUps.packs[0].currency = 'dollars';
    assert.deepEqual(issuesOf(plan), ['$.topUps.packs[0].currency']);
  });

  it('lists every missing field of an empty object', () => {
    assert.deepEqual(issuesOf({}), [
      '$.version', '$.name', '$.priceBook', '$.cycle', '$.allocation', '$.dailyLimit', '$.rolloverCap', '$.topUps',
      '$.editorRunsFree', '$.chargeFailedStep', '$.memberAllocations', '$.exhaustion', '$.consecutiveFailureLimit',
    ]);
  });

  it('refuses something that is not an object', () => {
    assert.deepEqual(issuesOf([]), ['$']);
  });
});
