import { LedgerError } from './errors';

/**
 * Throws `invalid-amount` when a workspace total (`what`) would leave the range where JavaScript numbers are
 * exact (2^53 − 1): past it, sums silently round and the audit could no longer tell. `field` names the input.
 */
export function checkTotal(total: number, what: string, field: string): void {
  if (!Number.isSafeInteger(total)) {
    throw new LedgerError('invalid-amount', `${field}: this would take ${what} past ${Number.MAX_SAFE_INTEGER} millicredits, where sums stop being exact`, { field });
  }
}
