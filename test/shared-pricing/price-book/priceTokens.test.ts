import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { priceTokens } from '../../../shared-pricing/src/price-book';
import { PricingError } from '../../../shared-pricing/src/errors';

const gpt4o = { input: 2500, output: 10000 };

describe('priceTokens', () => {
  it('prices per 1K tokens: 1,000 in and 500 out of gpt-4o cost 7,500 mc', () => {
    assert.equal(priceTokens(gpt4o, 1000, 500), 7500);
  });

  it('rounds the sum up once, not each part', () => {
    // 1 × 0.15 + 1 × 0.6 = 0.75 → 1; rounding each part up first would give 2.
    assert.equal(priceTokens({ input: 150, output: 600 }, 1, 1), 1);
  });

  it('charges at least 1 mc for a single token at a rate above 0', () => {
    assert.equal(priceTokens({ input: 1, output: 0 }, 1, 0), 1);
  });

  it('charges 0 for no tokens', () => {
    assert.equal(priceTokens(gpt4o, 0, 0), 0);
  });

  it('throws an invariant PricingError for a negative or NaN token count', () => {
    for (const tokens of [-1, Number.NaN]) {
      assert.throws(
        () => priceTokens(gpt4o, tokens, 0),
        (error: unknown) => error instanceof PricingError && error.code === 'invariant' && error.message.startsWith('a token count must be a finite number ≥ 0'),
      );
    }
  });

  it('is a whole number ≥ 0, ≥ 1 whenever a priced token was used (property)', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), fc.nat(1_000_000), fc.nat(1_000_000), (rateIn, rateOut, input, output) => {
        const amount = priceTokens({ input: rateIn, output: rateOut }, input, output);
        assert.ok(Number.isSafeInteger(amount) && amount >= 0);
        if (input * rateIn + output * rateOut > 0) assert.ok(amount >= 1);
      }),
    );
  });

  it('is monotone in input and output tokens (property)', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), fc.nat(1_000_000), fc.nat(1_000_000), fc.nat(10_000), fc.nat(10_000), (rateIn, rateOut, input, output, moreIn, moreOut) => {
        const rate = { input: rateIn, output: rateOut };
        assert.ok(priceTokens(rate, input + moreIn, output + moreOut) >= priceTokens(rate, input, output));
      }),
    );
  });

  it('is never more than 1 mc above the exact price (property)', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), fc.nat(1_000_000), fc.nat(1_000_000), (rateIn, rateOut, input, output) => {
        const exact = (input * rateIn + output * rateOut) / 1000;
        const amount = priceTokens({ input: rateIn, output: rateOut }, input, output);
        assert.ok(amount >= exact - 1e-6 && amount < exact + 1, `${amount} vs ${exact}`);
      }),
    );
  });
});
