import { MILLICREDITS_PER_CREDIT } from './perCredit';
import type { RoundingMode } from './round';

/** A number of credits read as millicredits, or why it cannot be: expected outcomes, not exceptions. */
export type ParsedCredits =
  | { ok: true; millicredits: number }
  | { ok: false; problem: 'not-a-number' | 'negative' | 'too-large' };

// Decimal notation as people and `String(number)` write it: `1.5`, `.25`, `2e-3`, `1e+21`.
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;
const DIGITS_PER_CREDIT = String(MILLICREDITS_PER_CREDIT).length - 1;

/**
 * Credits as typed (`"1.5"`, `" 2 "`, `0.0015`) to integer millicredits, rounded once, here, with the
 * caller's named mode. Exact: it reads the decimal digits (a number through its shortest decimal
 * form, `String(n)`), moves the point three places and rounds the digits left over, so no binary
 * fraction (`1.0005 × 1000 = 1000.4999…`) can tip the result. Negative amounts are refused (`-0` is 0).
 */
export function parseCredits(value: string | number, mode: RoundingMode): ParsedCredits {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const match = DECIMAL.exec(text);
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match ?? [];
  if (!match || whole + fraction === '') return { ok: false, problem: 'not-a-number' };
  const all = whole + fraction;
  const digits = all.replace(/^0+/, '');
  if (digits === '') return { ok: true, millicredits: 0 };
  if (sign === '-') return { ok: false, problem: 'negative' };
  // Where the point falls in `digits` once the amount is in millicredits.
  const point = whole.length + Number(exponent) + DIGITS_PER_CREDIT - (all.length - digits.length);
  if (point > 16) return { ok: false, problem: 'too-large' };
  const kept = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
  const rest = point <= 0 ? digits : digits.slice(point);
  // The first digit left over decides half-up; below 0.1 mc (point < 0) it is a zero.
  const first = point < 0 ? '0' : (rest[0] ?? '0');
  const up = mode === 'ceil' ? /[1-9]/.test(rest) : mode === 'half-up' && first >= '5';
  const millicredits = Number(kept) + (up ? 1 : 0);
  return Number.isSafeInteger(millicredits) ? { ok: true, millicredits } : { ok: false, problem: 'too-large' };
}
