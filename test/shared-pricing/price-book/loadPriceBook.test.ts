import { strict as assert } from 'node:assert';
import { getPriceBook, loadPriceBook, priceBookPresetNames } from '../../../shared-pricing/src/price-book';
import { PricingError } from '../../../shared-pricing/src/errors';
import { minimalBook } from './minimalBook';

function issuesOf(action: () => unknown): Array<{ path: string; message: string }> {
  try {
    action();
  } catch (error) {
    if (error instanceof PricingError) return error.issues;
    throw error;
  }
  assert.fail('expected a PricingError');
}

describe('loadPriceBook', () => {
  it('loads a valid book from text', () => {
    const book = loadPriceBook(JSON.stringify(minimalBook()));
    assert.deepEqual([book.name, book.classes.app?.rate, book.rules.length], ['test', 1000, 2]);
  });

  it('names the line and column of broken JSON', () => {
    assert.throws(() => loadPriceBook('{\n  "version": 1,\n  "name": "x"\n  "classes": {}\n}'), {
      name: 'PricingError',
      message: 'price book is not valid JSON at line 4, column 3: expected a comma',
    });
  });

  it('lists every invalid JSON path in its message and its issues', () => {
    const bad = { ...minimalBook(), version: 2, classes: { ...minimalBook().classes, app: { unit: 'run', rate: 1.5 } } };
    assert.throws(() => loadPriceBook(bad), {
      message: 'price book is not valid:\n  $.version: expected 1 (the only price book format version), got 2\n  $.classes.app.rate: expected an integer ≥ 0, got 1.5',
    });
    assert.deepEqual(issuesOf(() => loadPriceBook(bad)).map((i) => i.path), ['$.version', '$.classes.app.rate']);
  });

  it('merges a book that extends a preset: its classes replace, its rules come first', () => {
    const book = loadPriceBook({
      extends: 'default',
      name: 'mine',
      classes: { app: { unit: 'run', rate: 2000 }, crm: { unit: 'item', rate: 10 } },
      rules: [{ type: 'n8n-nodes-base.hubspot', class: 'crm' }],
      models: { 'my-model': { input: 1, output: 2 } },
    });
    const base = getPriceBook('default');
    assert.deepEqual(
      [book.name, book.classes.app?.rate, book.classes.core?.rate, book.rules[0]?.class, book.rules.length, book.models['my-model']?.output, book.models['gpt-4o']?.input, 'extends' in book],
      ['mine', 2000, 100, 'crm', base.rules.length + 1, 2, 2500, false],
    );
  });

  it('validates the merged book, so a rule of the override may name a class of the base', () => {
    const book = loadPriceBook({ extends: 'default', name: 'mine', rules: [{ type: 'n8n-nodes-base.hubspot', class: 'core' }] });
    assert.equal(book.rules[0]?.class, 'core');
  });

  it('reports the path of an invalid override entry in the merged book', () => {
    assert.deepEqual(issuesOf(() => loadPriceBook({ extends: 'default', name: 'mine', rules: [{ type: 'x', class: 'nope' }] })), [
      { path: '$.rules[0].class', message: 'expected the name of a class in $.classes, got "nope"' },
    ]);
  });

  it('reports an unknown preset in extends at $.extends', () => {
    assert.deepEqual(issuesOf(() => loadPriceBook({ extends: 'enterprise', name: 'x' })), [
      { path: '$.extends', message: `unknown price book preset "enterprise"; known presets: ${priceBookPresetNames().join(', ')}` },
    ]);
  });

  it('refuses a cycle of extends at $.extends', () => {
    assert.deepEqual(issuesOf(() => loadPriceBook({ extends: 'default', name: 'x' }, ['default'])), [
      { path: '$.extends', message: '"default" extends itself through default → default' },
    ]);
  });

  it('does not change the cached preset when a book extends it', () => {
    loadPriceBook({ extends: 'default', name: 'mine', classes: { app: { unit: 'run', rate: 7 } }, rules: [{ type: 'a.b', class: 'app' }] });
    const base = getPriceBook('default');
    assert.deepEqual([base.name, base.classes.app?.rate, base.rules.some((r) => r.type === 'a.b')], ['default', 1000, false]);
  });
});

describe('getPriceBook', () => {
  it('returns the same loaded default book each time', () => {
    assert.equal(getPriceBook('default'), getPriceBook('default'));
  });

  it('throws an unknown-preset PricingError listing the known presets', () => {
    assert.throws(
      () => getPriceBook('nope'),
      (error: unknown) => error instanceof PricingError && error.code === 'unknown-preset' && /^unknown price book preset "nope"; known presets: default(, [a-z]+)*$/.test(error.message),
    );
  });
});
