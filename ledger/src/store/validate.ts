import type { Plan } from '../../../shared-pricing/src/plans/types';
import { LedgerError } from './errors';
import type { ChargeInput } from './types';

/**
 * The largest amount one input may carry: 10^15 millicredits (a trillion credits). Nine of them still add up
 * exactly (2^53 − 1 ≈ 9.007 × 10^15), so a single input can never be what takes a total past exact arithmetic.
 */
export const MAX_AMOUNT = 1_000_000_000_000_000;

/** Throws `invalid-amount` unless `value` is a safe integer from 0 to `MAX_AMOUNT` (`unit` names what it counts). */
export function checkAmount(value: unknown, what: string, unit = 'millicredits'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new LedgerError('invalid-amount', `${what} must be an integer number of ${unit} ≥ 0, got ${JSON.stringify(value)}`, { field: what });
  }
  if (value > MAX_AMOUNT) {
    throw new LedgerError('invalid-amount', `${what} must be at most ${MAX_AMOUNT} ${unit} (10^15), got ${value}`, { field: what });
  }
  return value;
}

/** A lone surrogate: with the `u` flag a surrogate pair is one code point, so only an unpaired half matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Throws `invalid-input` when `value` cannot be stored as text on both stores: PostgreSQL refuses a NUL
 * character (the request would fail with 500), and writes a lone surrogate as U+FFFD, so two different keys
 * would read back as one and a real charge would be answered `duplicate`.
 */
function checkText(value: string, what: string): string {
  const nul = value.indexOf('\u0000');
  if (nul >= 0) {
    throw new LedgerError('invalid-input', `${what} must not contain a NUL character (U+0000, at index ${nul}), which PostgreSQL cannot store in text; got ${shown(value)}`, { field: what });
  }
  // Most text has no surrogate at all: the regular expression runs only when one is there.
  const lone = /[\uD800-\uDFFF]/.test(value) ? LONE_SURROGATE.exec(value) : null;
  if (lone) {
    const unit = lone[0].charCodeAt(0).toString(16).toUpperCase();
    throw new LedgerError('invalid-input', `${what} must be well-formed Unicode, but has a lone surrogate (U+${unit}, at index ${lone.index}), which would be stored as U+FFFD and read back as a different value; got ${shown(value)}`, { field: what });
  }
  return value;
}

/** A string for a message: JSON (which escapes NUL and lone surrogates), cut to 60 characters. */
function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
}

/** Throws `invalid-input` unless `value` is a non-empty string (of at most 1000 characters) that text can hold. */
export function checkId(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1000) {
    throw new LedgerError('invalid-input', `${what} must be a non-empty string, got ${JSON.stringify(value)}`, { field: what });
  }
  return checkText(value, what);
}

/** Optional text: undefined or null becomes null; anything else must be a string that text can hold. */
export function optionalText(value: unknown, what: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new LedgerError('invalid-input', `${what} must be a string, got ${JSON.stringify(value)}`, { field: what });
  return checkText(value, what);
}

/** An ISO time to ms; undefined gives `fallback`. */
export function checkTime(value: unknown, what: string, fallback: number): number {
  if (value === undefined) return fallback;
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new LedgerError('invalid-input', `${what} must be an ISO-8601 time, got ${JSON.stringify(value)}`, { field: what });
  return ms;
}

/** Throws `invalid-input` for an IANA zone `Intl` does not know. */
export function checkTimeZone(value: unknown): string {
  try {
    if (typeof value !== 'string' || value === '') throw new RangeError('empty');
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value;
  } catch {
    throw new LedgerError('invalid-input', `timeZone must be an IANA time zone such as "Europe/Berlin", got ${JSON.stringify(value)}`, { field: 'timeZone' });
  }
}

/** Checks the parts of a plan the ledger computes with. */
export function checkPlan(plan: unknown): Plan {
  const p = plan as Plan;
  if (!p || typeof p !== 'object') throw new LedgerError('invalid-input', 'plan must be a plan object', { field: 'plan' });
  if (p.cycle !== 'monthly' && p.cycle !== 'yearly') throw new LedgerError('invalid-input', `plan.cycle must be "monthly" or "yearly", got ${JSON.stringify(p.cycle)}`, { field: 'plan.cycle' });
  if (!['pause', 'stop', 'overdraft'].includes(p.exhaustion)) {
    throw new LedgerError('invalid-input', `plan.exhaustion must be "pause", "stop" or "overdraft", got ${JSON.stringify(p.exhaustion)}`, { field: 'plan.exhaustion' });
  }
  checkAmount(p.allocation, 'plan.allocation');
  checkAmount(p.rolloverCap, 'plan.rolloverCap');
  if (p.dailyLimit !== null) checkAmount(p.dailyLimit, 'plan.dailyLimit');
  if (!p.topUps || !p.topUps.lifetime) throw new LedgerError('invalid-input', 'plan.topUps.lifetime is missing', { field: 'plan.topUps' });
  return p;
}

/** Checks one charge; `where` prefixes field names (`entries[3].`) so a batch names the bad entry. */
export function checkCharge(input: ChargeInput, where = ''): void {
  if (!input || typeof input !== 'object') throw new LedgerError('invalid-input', `${where || 'charge'} must be an object`);
  checkId(input.workspaceId, `${where}workspaceId`);
  checkId(input.key, `${where}key`);
  checkAmount(input.millicredits, `${where}millicredits`);
  for (const field of ['memberId', 'workflowId', 'workflowName', 'executionId', 'nodeName', 'nodeType', 'mode', 'kind', 'model', 'status'] as const) {
    optionalText(input[field], `${where}${field}`);
  }
  if (input.runIndex !== undefined && input.runIndex !== null && !(Number.isSafeInteger(input.runIndex) && input.runIndex >= 0)) {
    throw new LedgerError('invalid-input', `${where}runIndex must be an integer ≥ 0, got ${JSON.stringify(input.runIndex)}`, { field: `${where}runIndex` });
  }
  if (input.tokens !== undefined && input.tokens !== null) {
    checkAmount(input.tokens.input, `${where}tokens.input`, 'tokens');
    checkAmount(input.tokens.output, `${where}tokens.output`, 'tokens');
  }
  checkTime(input.occurredAt, `${where}occurredAt`, 0);
}
