import type { ChargeKind } from './types';

/** The idempotency key of a charge: `executionId:nodeName:runIndex:kind`, one ledger entry per key. */
export function chargeKey(executionId: string, nodeName: string, runIndex: number, kind: ChargeKind): string {
  return `${executionId}:${nodeName}:${runIndex}:${kind}`;
}
