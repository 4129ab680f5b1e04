import type { ChargeInput, ChargeOutcome, LedgerEntry } from '../store/types';
import type { ChargeOutcomeJson, LedgerEntryJson, UsageEventBody } from './contract';

/** The compact JSON of one charge outcome (no full entry, no debits). */
export function outcomeJson(outcome: ChargeOutcome): ChargeOutcomeJson {
  switch (outcome.status) {
    case 'recorded':
      return { key: outcome.key, status: 'recorded', entryId: outcome.entry.id, millicredits: outcome.entry.millicredits, balance: outcome.balance, overdraft: outcome.overdraft };
    case 'duplicate':
      return { key: outcome.key, status: 'duplicate', entryId: outcome.entry.id, millicredits: outcome.entry.millicredits };
    case 'conflict':
      return { key: outcome.key, status: 'conflict', code: outcome.code, message: outcome.message, existingMillicredits: outcome.existing.millicredits };
    case 'refused':
      return { key: outcome.key, status: 'refused', reason: outcome.reason, message: outcome.message, renewsAt: outcome.renewsAt, available: outcome.available };
  }
}

/** Counts of outcomes by status. */
export function tally(outcomes: ChargeOutcome[]): { recorded: number; duplicates: number; conflicts: number; refused: number } {
  const t = { recorded: 0, duplicates: 0, conflicts: 0, refused: 0 };
  for (const o of outcomes) {
    if (o.status === 'recorded') t.recorded++;
    else if (o.status === 'duplicate') t.duplicates++;
    else if (o.status === 'conflict') t.conflicts++;
    else t.refused++;
  }
  return t;
}

/** An entry as the API shows it (the store's shape minus grant debits). */
export function entryJson(entry: LedgerEntry): LedgerEntryJson {
  const { debits: _debits, ...rest } = entry;
  return rest;
}

/** A validated usage event body as a store input for `workspaceId`. */
export function chargeInput(workspaceId: string, event: UsageEventBody, memberId: string | null | undefined): ChargeInput {
  return { ...event, workspaceId, memberId: memberId ?? null };
}
