import { strict as assert } from 'node:assert';
import { parseJsonDocument } from '../../../shared-pricing/src/validation';
import { PricingError } from '../../../shared-pricing/src/errors';

describe('parseJsonDocument', () => {
  it('parses JSON with comments and trailing commas, as editors write it', () => {
    assert.deepEqual(parseJsonDocument('{\n  // rates\n  "a": [1, 2,],\n}', 'price book'), { a: [1, 2] });
  });

  it('names the line and column of a missing comma', () => {
    assert.throws(() => parseJsonDocument('{\n  "a": 1\n  "b": 2\n}', 'price book'), {
      name: 'PricingError',
      message: 'price book is not valid JSON at line 3, column 3: expected a comma',
    });
  });

  it('names the line and column of text after the document', () => {
    assert.throws(() => parseJsonDocument('{}\r\n}x', 'file'), { message: 'file is not valid JSON at line 2, column 1: unexpected text after the end of the document' });
  });

  it('reports an empty document at line 1, column 1', () => {
    assert.throws(
      () => parseJsonDocument('', 'plan'),
      (error: unknown) => error instanceof PricingError && error.code === 'invalid-json' && error.message === 'plan is not valid JSON at line 1, column 1: expected a value',
    );
  });
});
