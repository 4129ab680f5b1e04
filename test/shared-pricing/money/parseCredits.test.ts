import { strict as assert } from 'node:assert';
import { creditsToMillicredits, formatCredits, millicreditsToCredits, parseCredits } from '../../../shared-pricing/src/money';

describe('parseCredits', () => {
  it('reads credits as typed to whole millicredits', () => {
    // 1.5 → 1500; " 2 " → 2000; .25 → 250; 2e-3 → 2; 007.0100 → 7010.
    assert.deepEqual(['1.5', ' 2 ', '.25', '2e-3', '007.0100'].map((t) => parseCredits(t, 'floor')), [1500, 2000, 250, 2, 7010].map((millicredits) => ({ ok: true, millicredits })));
  });

  it('rounds the digits past the millicredit once, with the mode named', () => {
    // 0.0015 credits = 1.5 mc: half-up 2, floor 1, ceil 2; 0.00149 = 1.49 mc: half-up 1.
    assert.deepEqual([parseCredits('0.0015', 'half-up'), parseCredits('0.0015', 'floor'), parseCredits('0.0015', 'ceil'), parseCredits('0.00149', 'half-up')],
      [{ ok: true, millicredits: 2 }, { ok: true, millicredits: 1 }, { ok: true, millicredits: 2 }, { ok: true, millicredits: 1 }]);
  });

  it('reads a number by its decimal digits, so binary fractions do not tip the rounding', () => {
    // 1.0005 × 1000 is 1000.4999… in binary; its digits say 1000.5 mc, half-up 1001. 0.1 + 0.2 → "0.30000000000000004" → 300.
    assert.deepEqual([parseCredits(1.0005, 'half-up'), parseCredits(0.1 + 0.2, 'half-up'), parseCredits(1e-7, 'ceil')],
      [{ ok: true, millicredits: 1001 }, { ok: true, millicredits: 300 }, { ok: true, millicredits: 1 }]);
  });

  it('says why it cannot read a value: not a number, negative, or past the safe range', () => {
    assert.deepEqual([parseCredits('', 'floor'), parseCredits('0x10', 'floor'), parseCredits('lots', 'floor'), parseCredits(NaN, 'floor'), parseCredits('-1', 'floor'), parseCredits('1e20', 'floor')].map((p) => (p.ok ? 'ok' : p.problem)),
      ['not-a-number', 'not-a-number', 'not-a-number', 'not-a-number', 'negative', 'too-large']);
    assert.deepEqual(parseCredits('-0', 'floor'), { ok: true, millicredits: 0 });
  });
});

describe('creditsToMillicredits and millicreditsToCredits', () => {
  it('convert both ways, rounding once on the way in', () => {
    assert.deepEqual([creditsToMillicredits(2.5, 'half-up'), creditsToMillicredits(0.0004, 'ceil'), millicreditsToCredits(2500)], [2500, 1, 2.5]);
  });

  it('throws for a value that is not a number of credits', () => {
    assert.throws(() => creditsToMillicredits(-1, 'half-up'), /expected a number of credits ≥ 0/);
  });
});

describe('formatCredits formats', () => {
  it('groups thousands for pages and tables, and keeps three decimals for CSV', () => {
    assert.deepEqual([formatCredits(1_250_500, { grouping: true }), formatCredits(-1500, { fixedDecimals: true }), formatCredits(0, { fixedDecimals: true }), formatCredits(7, { grouping: true, fixedDecimals: true })],
      ['1,250.5', '-1.500', '0.000', '0.007']);
  });
});
