import type { ValidationIssue } from './validation/types';

/**
 * Every error message the pricing core produces, in one place, so wording stays consistent
 * and callers can match on `code` rather than on text.
 */
export const messages = {
  notInteger: (what: string, value: unknown) => `${what} must be an integer number of millicredits ≥ 0, got ${JSON.stringify(value)}`,
  invalidDocument: (kind: string, issues: ValidationIssue[]) =>
    `${kind} is not valid:\n` + issues.map((i) => `  ${i.path}: ${i.message}`).join('\n'),
  invalidJson: (kind: string, line: number, column: number, problem: string) =>
    `${kind} is not valid JSON at line ${line}, column ${column}: ${problem}`,
  unknownPreset: (kind: string, name: string, known: string[]) =>
    `unknown ${kind} preset "${name}"; known presets: ${known.join(', ')}`,
  unknownClass: (className: string) => `price book has no class "${className}"`,
} as const;

export type PricingErrorCode = 'not-integer' | 'invalid-document' | 'invalid-json' | 'unknown-preset' | 'invariant';

/** Thrown for programmer errors and invalid documents; expected outcomes are returned as values instead. */
export class PricingError extends Error {
  constructor(
    readonly code: PricingErrorCode,
    message: string,
    readonly issues: ValidationIssue[] = [],
  ) {
    super(message);
    this.name = 'PricingError';
  }
}
