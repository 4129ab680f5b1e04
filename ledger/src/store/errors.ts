/** Why the ledger refused an input. Stable: callers (the HTTP layer) map codes to status codes. */
export type LedgerErrorCode =
  | 'invalid-amount'
  | 'invalid-input'
  | 'unknown-workspace'
  | 'unknown-member'
  | 'unknown-entry'
  | 'unknown-reservation'
  | 'unknown-api-key'
  | 'duplicate-workspace'
  | 'duplicate-member'
  | 'reservation-expired'
  | 'reservation-settled'
  | 'reservation-released'
  | 'already-reversed'
  | 'key-conflict'
  | 'migration-failed';

/** Thrown for bad input; the database is unchanged when it is thrown. */
export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    /** Extra facts for the caller (the offending field, index in a batch, …). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

/** Is `error` a LedgerError with (optionally) the given code? */
export function isLedgerError(error: unknown, code?: LedgerErrorCode): error is LedgerError {
  return error instanceof LedgerError && (code === undefined || error.code === code);
}
