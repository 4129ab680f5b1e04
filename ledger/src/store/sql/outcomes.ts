/** What a charge answers: refusal messages, outcomes built lazily inside a transaction, and what makes a repeat a conflict. */
import { entryOut, type EntryDraft } from '../rows';
import type { ChargeInput, ChargeOutcome, EntryType, LedgerEntry, RefusalReason } from '../types';

export const refusalMessages: Record<RefusalReason, string> = {
  'insufficient-credits': 'not enough credits; work pauses until credits renew or a top-up arrives',
  'credits-exhausted': 'credits are exhausted; the plan stops work when they run out',
  'daily-limit': 'the daily credit limit is reached; it renews at midnight in the workspace time zone',
  'member-allocation': "the member's allocation for this period is used up",
  'circuit-open': 'the workflow failed too many times in a row; its charges are refused until it succeeds',
};

/**
 * A recorded or duplicate outcome before its transaction ends: `entry` is read lazily (a draft gets
 * its id at flush) and `settleOutcome` turns it into a plain object. A class, so the getter lives on
 * the prototype instead of making every outcome a slow object literal with an accessor.
 */
export class LazyOutcome {
  constructor(
    readonly status: 'recorded' | 'duplicate',
    readonly key: string,
    private readonly draft: EntryDraft,
    public balance: number,
    public overdraft: number,
  ) {}

  get entry(): LedgerEntry {
    return entryOut(this.draft);
  }
}

/**
 * Fields whose difference makes a repeated key a conflict rather than a duplicate. Not `status`: it is the
 * execution's latest, and a resumed execution posts its earlier runs again with a new one.
 */
const contentFields = ['millicredits', 'memberId', 'workflowId', 'executionId', 'nodeName', 'nodeType', 'runIndex', 'kind', 'model'] as const;

/** The first field in which a repeated key's content differs from what was recorded, or null. */
export function differingField(existing: EntryDraft, input: ChargeInput, type: EntryType): string | null {
  if (existing.type !== type) return 'type';
  for (const field of contentFields) {
    const given = input[field] ?? null;
    if (existing[field] !== given) return field;
  }
  const tokens = input.tokens ?? null;
  if ((existing.tokens === null) !== (tokens === null)) return 'tokens';
  if (existing.tokens && tokens && (existing.tokens.input !== tokens.input || existing.tokens.output !== tokens.output)) return 'tokens';
  return null;
}

/** Turns the lazy `entry` of a recorded outcome into a plain property (ids are known after flush). */
export function settleOutcome(outcome: ChargeOutcome): ChargeOutcome {
  if (outcome.status === 'recorded') return { status: 'recorded', key: outcome.key, entry: outcome.entry, balance: outcome.balance, overdraft: outcome.overdraft };
  if (outcome.status === 'duplicate') return { status: 'duplicate', key: outcome.key, entry: outcome.entry };
  return outcome;
}
