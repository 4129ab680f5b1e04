/**
 * The ledger's public API (ledger/src/index.ts), by relative path like the pricing core (see pricing.ts), and
 * loaded on first use: `estimate`, `lint` and `--help` never load fastify, the stores or their drivers.
 */
import type * as LedgerApi from '../../ledger/src';

export type { AdminFlags, BreakdownDimension, DeadEntry, ExportSummary, LedgerStore, Role, SyncSummary, Workspace } from '../../ledger/src';

let loaded: typeof LedgerApi | undefined;

/** The ledger's public API, required the first time a ledger command runs. */
export function ledger(): typeof LedgerApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load is the point
  return (loaded ??= require('../../ledger/src') as typeof LedgerApi);
}
