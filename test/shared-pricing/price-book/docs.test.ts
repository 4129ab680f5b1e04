import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPriceBook } from '../../../shared-pricing/src/price-book';

const page = readFileSync(join(__dirname, '../../../docs/price-book.md'), 'utf8');

function messageOf(source: unknown): string {
  try {
    loadPriceBook(source);
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail('expected the book to be refused');
}

describe('docs/price-book.md', () => {
  const examples: Array<[string, unknown]> = [
    ['broken JSON', '{\n  "version": 1,\n  "name": "mine"\n  "classes": {}\n}'],
    ['a wrong unit, a fractional rate and an unknown class', { extends: 'default', name: 'mine', classes: { app: { unit: 'minute', rate: 1.5 } }, rules: [{ type: 'n8n-nodes-base.hubspot', class: 'crm' }] }],
    ['an unknown preset', { extends: 'enterprise', name: 'mine' }],
    ['a helper without every and a zero model fallback', { extends: 'default', name: 'mine', classes: { counter: { unit: 'helper', rate: 1000 } }, modelFallback: { input: 0, output: 0 } }],
  ];
  for (const [what, source] of examples) {
    it(`shows the loader's real message for ${what}`, () => {
      const message = messageOf(source);
      assert.ok(page.includes('```\n' + message + '\n```'), `the page lacks:\n${message}`);
    });
  }
});
