/**
 * Compares what the model expects with what a target answered, and fails with the paths that
 * differ (a full dump of two balance cards hides the one field that matters).
 */
import { isDeepStrictEqual } from 'node:util';
import { RENEWS_FIXED } from './observed';

/** Paths where `a` and `b` differ, with both values; at most `limit`. */
export function differences(a: unknown, b: unknown, path = '', out: string[] = [], limit = 12): string[] {
  if (out.length >= limit || isDeepStrictEqual(a, b)) return out;
  const objects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object';
  if (objects && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const k of keys) differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out, limit);
    return out;
  }
  out.push(`${path || '(value)'}: model ${JSON.stringify(a)} ≠ system ${JSON.stringify(b)}`);
  return out;
}

/** A system answer marked `partial` is compared on its own fields only (the API omits the counters). */
function trimmed(expected: unknown, actual: unknown): [unknown, unknown] {
  if (actual && typeof actual === 'object' && (actual as { partial?: boolean }).partial && expected && typeof expected === 'object' && !('error' in expected)) {
    const { partial: _p, ...rest } = actual as Record<string, unknown>;
    const exp = Object.fromEntries(Object.keys(rest).map((k) => [k, (expected as Record<string, unknown>)[k]]));
    return [exp, rest];
  }
  return [expected, actual];
}

export class Mismatch extends Error {
  constructor(what: string, diffs: string[]) {
    super(`${what} differs:\n  ${diffs.join('\n  ')}`);
    this.name = 'Mismatch';
  }
}

/** Drops `renewsAt` of refusals whose renewal the spec leaves open. */
function normalised(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null), (_k, v) => {
    if (v && typeof v === 'object' && v.status === 'refused' && !RENEWS_FIXED.has(v.reason)) {
      const { renewsAt: _r, ...rest } = v;
      return rest;
    }
    return v;
  });
}

/** When set, mismatches are counted here by their first differing path instead of thrown (timing runs only). */
export const collecting: { into: Map<string, number> | null } = { into: null };

export function assertSame(what: string, expected: unknown, actual: unknown): void {
  const [e, a] = trimmed(expected, actual);
  if (isDeepStrictEqual(e, a)) return;
  const diffs = differences(normalised(e), normalised(a));
  if (diffs.length && collecting.into) {
    const k = `${what.replace(/\(.*/, '')}: ${diffs[0]!.replace(/:.*/, '')}`;
    collecting.into.set(k, (collecting.into.get(k) ?? 0) + 1);
  } else if (diffs.length) throw new Mismatch(what, diffs);
}
