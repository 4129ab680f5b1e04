import { strict as assert } from 'node:assert';
import { MAX_JSON_DEPTH, tooDeeplyNested } from '../../../shared-pricing/src/validation/tooDeeplyNested';
import { parseJsonDocument } from '../../../shared-pricing/src/validation/parseJsonDocument';

describe('tooDeeplyNested', () => {
  it('accepts nesting up to the limit and refuses one level more', () => {
    assert.equal(tooDeeplyNested('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)), false);
    assert.equal(tooDeeplyNested('{"a":'.repeat(MAX_JSON_DEPTH) + '[' + '}'.repeat(MAX_JSON_DEPTH) + ']'), true);
  });

  it('counts unclosed brackets of broken JSON', () => {
    assert.equal(tooDeeplyNested('{"nodes": ' + '['.repeat(100_000)), true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    assert.equal(tooDeeplyNested(JSON.stringify({ code: '\\"' + '['.repeat(10_000) })), false);
  });

  it('ignores brackets inside line and block comments', () => {
    assert.equal(tooDeeplyNested(`// ${'['.repeat(1000)}\n/* ${'{'.repeat(1000)} */ {"a": [1]}`), false);
  });

  it('sees that closing brackets bring the depth down again', () => {
    assert.equal(tooDeeplyNested('[[]]'.repeat(10_000)), false);
  });
});

describe('parseJsonDocument on pathologically nested text', () => {
  it('refuses a price book nested past the limit with a clear error instead of overflowing the stack', () => {
    assert.throws(() => parseJsonDocument('{"classes": ' + '['.repeat(100_000), 'price book'), {
      name: 'PricingError',
      message: `price book nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels; it is not read`,
    });
  });
});
