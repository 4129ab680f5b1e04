import { strict as assert } from 'node:assert';
import { loadPriceBook, normalizeModelName, resolveModel } from '../../../shared-pricing/src/price-book';
import { minimalBook } from './minimalBook';

const book = loadPriceBook({
  ...minimalBook(),
  models: {
    'gpt-4o': { input: 2500, output: 10000, aliases: ['gpt-4o-20*', 'chatgpt-4o-latest'] },
    'gpt-4o-mini': { input: 150, output: 600, aliases: ['gpt-4o-mini-20*'] },
    'gemini-2.0-flash': { input: 100, output: 400, aliases: ['gemini-2.0-flash-*'] },
    'gemini-2.0-flash-lite': { input: 75, output: 300, aliases: ['gemini-2.0-flash-lite-*'] },
  },
  modelFallback: { input: 3000, output: 15000 },
});

describe('normalizeModelName', () => {
  const cases: Array<[string, string]> = [
    ['  GPT-4o ', 'gpt-4o'],
    ['models/gemini-2.0-flash', 'gemini-2.0-flash'],
    ['openai/gpt-4o', 'gpt-4o'],
    ['=gpt-4o-mini', 'gpt-4o-mini'],
    ['={{ $json.model }}', '={{ $json.model }}'],
  ];
  for (const [name, normal] of cases) {
    it(`turns "${name}" into "${normal}"`, () => {
      assert.equal(normalizeModelName(name), normal);
    });
  }
});

describe('resolveModel', () => {
  it('finds a model by its canonical name', () => {
    assert.deepEqual(resolveModel('gpt-4o', book), { model: 'gpt-4o', rate: book.models['gpt-4o'], fallback: false });
  });

  it('finds a model by an exact alias', () => {
    assert.equal(resolveModel('chatgpt-4o-latest', book).model, 'gpt-4o');
  });

  it('finds a model by a glob alias (a dated snapshot)', () => {
    assert.equal(resolveModel('gpt-4o-2024-08-06', book).model, 'gpt-4o');
  });

  it('does not let a shorter model glob catch a longer model', () => {
    assert.equal(resolveModel('gpt-4o-mini-2024-07-18', book).model, 'gpt-4o-mini');
  });

  it('prefers the glob alias with more literal characters, whatever the book order', () => {
    assert.equal(resolveModel('gemini-2.0-flash-lite-preview-02-05', book).model, 'gemini-2.0-flash-lite');
  });

  it('strips the models/ prefix Gemini nodes write', () => {
    assert.equal(resolveModel('models/gemini-2.0-flash-exp', book).model, 'gemini-2.0-flash');
  });

  it('strips a provider prefix (OpenRouter) and ignores case', () => {
    assert.equal(resolveModel('OpenAI/GPT-4o', book).model, 'gpt-4o');
  });

  it('prices an unknown model at the fallback rate and says so', () => {
    assert.deepEqual(resolveModel('my-finetune', book), { model: 'my-finetune', rate: { input: 3000, output: 15000 }, fallback: true });
  });

  it('prices a missing or empty model name at the fallback, named "unknown"', () => {
    assert.deepEqual([resolveModel(undefined, book).model, resolveModel('  ', book).model, resolveModel('', book).fallback], ['unknown', 'unknown', true]);
  });

  it('treats a non-string model (odd run data) as unknown instead of throwing', () => {
    assert.equal(resolveModel({ value: 'gpt-4o' } as unknown as string, book).fallback, true);
  });

  it('never resolves to a zero rate for an unknown model', () => {
    const rate = resolveModel('whatever', book).rate;
    assert.ok(rate.input >= 1 && rate.output >= 1);
  });
});
