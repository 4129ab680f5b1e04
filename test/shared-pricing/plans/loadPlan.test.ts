import { strict as assert } from 'node:assert';
import { getPlan, loadPlan, PricingError } from '../execution/pricing';

describe('loadPlan', () => {
  it('loads a plan from JSON text', () => {
    const text = JSON.stringify({ ...getPlan('monkedo'), name: 'mine' });
    assert.equal(loadPlan(text).name, 'mine');
  });

  it('fills the fields a plan leaves out from the preset it extends', () => {
    const plan = loadPlan({ extends: 'monkedo', name: 'monkedo-pro', dailyLimit: 1_000_000 });
    assert.deepEqual([plan.name, plan.dailyLimit, plan.priceBook, plan.consecutiveFailureLimit], ['monkedo-pro', 1_000_000, 'monkedo', 5]);
  });

  it('merges topUps one level deep when extending', () => {
    const plan = loadPlan({ extends: 'spojit', name: 'spojit-short', topUps: { lifetime: { kind: 'days', days: 30 } } });
    assert.deepEqual([plan.topUps.packs.length, plan.topUps.lifetime], [3, { kind: 'days', days: 30 }]);
  });

  it('names the line and column of a syntax error', () => {
    assert.throws(() => loadPlan('{\n  "version": 1,\n  "name": \n}'), (e: unknown) => e instanceof PricingError && e.code === 'invalid-json' && /line 4, column 1/.test(e.message));
  });

  it('refuses an invalid plan with every JSON path and reason', () => {
    assert.throws(
      () => loadPlan({ extends: 'twenty', allocation: -5, exhaustion: 'later' }),
      (e: unknown) => e instanceof PricingError && e.code === 'invalid-document' && e.issues.map((i) => i.path).join() === '$.allocation,$.exhaustion' && /\$\.allocation: expected an integer ≥ 0, got -5/.test(e.message),
    );
  });

  it('refuses to extend an unknown preset, naming the known ones', () => {
    assert.throws(() => loadPlan({ extends: 'nope', name: 'x' }), /unknown plan preset "nope"; known presets: twenty, twenty-yearly, spojit, monkedo, amplience/);
  });

  it('refuses an extends that is not a name, with its path', () => {
    assert.throws(() => loadPlan({ extends: 3 }), (e: unknown) => e instanceof PricingError && e.issues[0]?.path === '$.extends');
  });

  it('returns the same frozen preset object on each call', () => {
    assert.equal(getPlan('amplience'), getPlan('amplience'));
    assert.equal(Object.isFrozen(getPlan('amplience').topUps.packs[0]), true);
  });
});
