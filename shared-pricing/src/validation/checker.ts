import type { ValidationIssue } from './types';

/**
 * Collects validation issues with the JSON path where each occurred. Each check returns
 * whether it passed so callers can skip checks that depend on it.
 */
export class Checker {
  readonly issues: ValidationIssue[] = [];

  fail(path: string, message: string): false {
    this.issues.push({ path, message });
    return false;
  }

  object(path: string, value: unknown): value is Record<string, unknown> {
    return (typeof value === 'object' && value !== null && !Array.isArray(value)) || this.fail(path, `expected an object, got ${describe(value)}`);
  }

  array(path: string, value: unknown): value is unknown[] {
    return Array.isArray(value) || this.fail(path, `expected an array, got ${describe(value)}`);
  }

  string(path: string, value: unknown): value is string {
    return (typeof value === 'string' && value.length > 0) || this.fail(path, `expected a non-empty string, got ${describe(value)}`);
  }

  boolean(path: string, value: unknown): value is boolean {
    return typeof value === 'boolean' || this.fail(path, `expected true or false, got ${describe(value)}`);
  }

  /** An integer ≥ min (millicredits, counts). */
  integer(path: string, value: unknown, min = 0): value is number {
    return (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) ||
      this.fail(path, `expected an integer ≥ ${min}, got ${describe(value)}`);
  }

  oneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): value is T {
    return (typeof value === 'string' && (allowed as readonly string[]).includes(value)) ||
      this.fail(path, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(value)}`);
  }

  /** Reports keys of `value` that are not in `known` (a typo would otherwise be silently ignored). */
  noUnknownKeys(path: string, value: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.fail(childPath(path, key), `unknown property; expected one of ${known.join(', ')}`);
    }
  }
}

/** Appends a key to a JSON path, quoting keys that are not plain identifiers. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}
