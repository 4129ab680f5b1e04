import { strict as assert } from 'node:assert';
import { Checker, childPath } from '../../../shared-pricing/src/validation/checker';

describe('childPath', () => {
  it('appends identifiers with a dot, indexes with brackets and other keys quoted', () => {
    assert.deepEqual([childPath('$', 'rules'), childPath('$.rules', 3), childPath('$.models', 'gpt-4o')], ['$.rules', '$.rules[3]', '$.models["gpt-4o"]']);
  });
});

describe('Checker', () => {
  it('collects each failure with its path and what was expected', () => {
    const c = new Checker();
    c.integer('$.rate', 1.5);
    c.string('$.name', '');
    c.oneOf('$.unit', 'minute', ['run', 'item']);
    c.boolean('$.free', 'yes');
    assert.deepEqual(c.issues, [
      { path: '$.rate', message: 'expected an integer ≥ 0, got 1.5' },
      { path: '$.name', message: 'expected a non-empty string, got ""' },
      { path: '$.unit', message: 'expected one of "run", "item", got "minute"' },
      { path: '$.free', message: 'expected true or false, got "yes"' },
    ]);
  });

  it('returns true and records nothing for a value that passes', () => {
    const c = new Checker();
    assert.deepEqual([c.integer('$.every', 3, 1), c.array('$.rules', []), c.object('$', {})], [true, true, true]);
    assert.deepEqual(c.issues, []);
  });

  it('reports an unknown key at its quoted path', () => {
    const c = new Checker();
    c.noUnknownKeys('$.classes.app', { unit: 'run', 'per-item': 1 }, ['unit']);
    assert.deepEqual(c.issues, [{ path: '$.classes.app["per-item"]', message: 'unknown property; expected one of unit' }]);
  });

  it('describes arrays, objects, null and long strings briefly', () => {
    const c = new Checker();
    c.string('$.a', []);
    c.string('$.b', {});
    c.string('$.c', null);
    c.integer('$.d', 'x'.repeat(50));
    assert.deepEqual(c.issues.map((i) => i.message), [
      'expected a non-empty string, got an array',
      'expected a non-empty string, got an object',
      'expected a non-empty string, got null',
      `expected an integer ≥ 0, got "${'x'.repeat(40)}…"`,
    ]);
  });
});
