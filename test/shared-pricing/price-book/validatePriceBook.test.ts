import { strict as assert } from 'node:assert';
import { validatePriceBook } from '../../../shared-pricing/src/price-book';
import { badBooks } from './badBooks';
import { minimalBook } from './minimalBook';

describe('validatePriceBook', () => {
  it('accepts a complete version-1 book and returns it', () => {
    const book = minimalBook();
    const result = validatePriceBook(book);
    assert.deepEqual(result, { ok: true, value: book });
  });

  for (const bad of badBooks) {
    it(`names ${bad.path} for ${bad.what}`, () => {
      const result = validatePriceBook(bad.book());
      assert.deepEqual(result, { ok: false, issues: [{ path: bad.path, message: bad.message }] });
    });
  }

  it('refuses a document that is not an object at $', () => {
    assert.deepEqual(validatePriceBook([]), { ok: false, issues: [{ path: '$', message: 'expected an object, got an array' }] });
  });

  it('reports every problem of a book at once, in document order', () => {
    const book = { ...minimalBook(), version: 3, classes: { app: { unit: 'run', rate: -5 } }, triggerClass: 'trigger' };
    const result = validatePriceBook(book);
    assert.deepEqual(result.ok ? [] : result.issues.map((i) => i.path), ['$.version', '$.classes.app.rate', '$.triggerClass', '$.rules[1].class']);
  });

  it('refuses two models claiming one name after normalising', () => {
    const book = { ...minimalBook(), models: { 'gpt-4o': { input: 1, output: 1 }, omni: { input: 2, output: 2, aliases: ['openai/GPT-4o'] } } };
    assert.deepEqual(validatePriceBook(book), {
      ok: false,
      issues: [{ path: '$.models.omni.aliases[0]', message: '"openai/GPT-4o" already names model "gpt-4o"; a model name or exact alias may appear once' }],
    });
  });

  it('refuses a note that is not text', () => {
    const book = { ...minimalBook(), rules: [{ type: 'n8n-nodes-base.*', class: 'app', note: 3 }] };
    assert.deepEqual(validatePriceBook(book), { ok: false, issues: [{ path: '$.rules[0].note', message: 'expected text, got 3' }] });
  });

  it('refuses an extends that is not a preset name', () => {
    assert.deepEqual(validatePriceBook({ ...minimalBook(), extends: 7 }), { ok: false, issues: [{ path: '$.extends', message: 'expected a non-empty string, got 7' }] });
  });
});
