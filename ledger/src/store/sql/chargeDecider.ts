import { decideCharge } from '../../../../shared-pricing/src/accounting/decideCharge';
import { isBreakerOpen } from '../../../../shared-pricing/src/accounting/nextFailureCount';
import { type Tx } from '../db';
import { LedgerError } from '../errors';
import { effectiveDailyLimit, entryOut, iso, memberState, type EntryDraft, type MemberState } from '../rows';
import type { ChargeInput, ChargeOutcome, EntryType, RefusalReason } from '../types';
import { checkTime } from '../validate';
import { checkTotal } from '../bounds';
import { type Context } from './context';
import { LazyOutcome, differingField, refusalMessages } from './outcomes';
import { WorkspaceTx } from './workspaceTx';

/** Deciding one charge inside a workspace transaction: what it reads, the policy decision, the entry it drafts. */
export class ChargeDecider extends WorkspaceTx {
  async member(tx: Tx, ctx: Context, memberId: string): Promise<MemberState> {
    let member = ctx.members.get(memberId);
    if (!member) {
      const row = await tx.get('SELECT * FROM members WHERE workspace_id = ? AND member_id = ?', [ctx.ws.id, memberId]);
      if (!row) throw new LedgerError('unknown-member', `unknown member "${memberId}" in workspace "${ctx.ws.id}"`, { workspaceId: ctx.ws.id, memberId });
      member = memberState(row);
      ctx.read.members.set(memberId, { periodStart: member.periodStart, periodConsumed: member.periodConsumed });
      // A member's consumption counts per period: a new period starts it from zero.
      if (member.periodStart !== ctx.ws.periodStart) {
        member.periodStart = ctx.ws.periodStart;
        member.periodConsumed = 0;
      }
      ctx.members.set(memberId, member);
    }
    return member;
  }

  async breakerOpen(tx: Tx, ctx: Context, workflowId: string | null | undefined): Promise<boolean> {
    const limit = ctx.ws.plan.consecutiveFailureLimit;
    if (limit === null || limit === undefined || !workflowId) return false;
    let failures = ctx.failures.get(workflowId);
    if (failures === undefined) {
      const row = await tx.get('SELECT consecutive FROM workflow_failures WHERE workspace_id = ? AND workflow_id = ?', [ctx.ws.id, workflowId]);
      failures = row ? Number(row.consecutive) : 0;
      ctx.failures.set(workflowId, failures);
    }
    return failures >= limit;
  }


  refused(ctx: Context, key: string, reason: RefusalReason, renewsAt: number | null): Extract<ChargeOutcome, { status: 'refused' }> {
    return { status: 'refused', key, reason, message: refusalMessages[reason], renewsAt: renewsAt === null ? null : iso(renewsAt), available: this.available(ctx) };
  }

  /** Decides and applies one charge to the context (written by `flush`). */
  applyCharge(tx: Tx, ctx: Context, input: ChargeInput, type: EntryType, extra?: Partial<EntryDraft>): ChargeOutcome | Promise<ChargeOutcome> {
    const limit = ctx.ws.plan.consecutiveFailureLimit;
    const needsRead = (!ctx.existing && !ctx.seen.has(input.key))
      || (!!input.memberId && !ctx.members.has(input.memberId))
      || (limit !== null && limit !== undefined && !!input.workflowId && !ctx.failures.has(input.workflowId));
    // Everything at hand (keys preloaded, no member or breaker to look up): decide at once, without awaiting.
    if (!needsRead) return this.decide(ctx, input, type, extra, ctx.seen.get(input.key) ?? ctx.existing?.get(input.key));
    return this.readFor(tx, ctx, input).then((existing) => this.decide(ctx, input, type, extra, existing));
  }

  /** Reads what deciding `input` needs, in the order the checks use it: the entry under its key first. */
  async readFor(tx: Tx, ctx: Context, input: ChargeInput): Promise<EntryDraft | undefined> {
    const existing = ctx.seen.get(input.key) ?? (ctx.existing ? ctx.existing.get(input.key) : await this.entryRow(tx, ctx.ws.id, input.key));
    if (existing) return existing;
    if (input.memberId) await this.member(tx, ctx, input.memberId);
    // Most plans have no breaker: skip the lookup for them.
    if (ctx.ws.plan.consecutiveFailureLimit != null) await this.breakerOpen(tx, ctx, input.workflowId);
    return undefined;
  }

  /** Decides and applies one charge to the context (written by `flush`), once `readFor` has loaded what it needs. */
  decide(ctx: Context, input: ChargeInput, type: EntryType, extra: Partial<EntryDraft> | undefined, existing: EntryDraft | undefined): ChargeOutcome {
    if (existing) {
      const field = differingField(existing, input, type);
      if (field === null) {
        // A repeat inside the same batch has no id until flush: read the entry lazily.
        return new LazyOutcome('duplicate', input.key, existing, 0, 0) as unknown as ChargeOutcome;
      }
      const message = field === 'millicredits'
        ? `key "${input.key}" was already recorded with ${existing.millicredits} millicredits; this entry has ${input.millicredits}`
        : `key "${input.key}" was already recorded with a different ${field}`;
      return { status: 'conflict', key: input.key, code: 'key-conflict', message, existing: entryOut(existing) };
    }
    const member = input.memberId ? ctx.members.get(input.memberId)! : null;
    const limit = ctx.ws.plan.consecutiveFailureLimit;
    const decision = decideCharge({
      amount: input.millicredits,
      policy: ctx.ws.plan.exhaustion,
      // The work of a charge that names its execution has happened: under pause it is recorded, as debt if need be.
      ofExecution: !!input.executionId,
      grants: ctx.grants,
      reserved: ctx.ws.reserved,
      overdraft: ctx.ws.overdraft,
      dailyLimit: effectiveDailyLimit(ctx.ws),
      dailyConsumed: ctx.ws.dayConsumed,
      dayEnd: ctx.ws.dayEnd,
      memberAllocation: member?.allocation ?? null,
      memberConsumed: member?.periodConsumed ?? 0,
      periodEnd: ctx.ws.periodEnd,
      breakerOpen: limit === null || limit === undefined || !input.workflowId ? false : isBreakerOpen(ctx.failures.get(input.workflowId)!, limit),
    });
    if (!decision.ok) return this.refused(ctx, input.key, decision.reason, decision.renewsAt);
    checkTotal(ctx.ws.periodConsumed + input.millicredits, "the period's consumption", 'millicredits');
    checkTotal(ctx.ws.overdraft + decision.overdraft, "the workspace's debt", 'millicredits');
    for (const debit of decision.debits) {
      const grant = ctx.grants.find((g) => g.id === debit.grantId)!;
      grant.remaining -= debit.millicredits;
      ctx.dirtyGrants.add(grant);
    }
    ctx.ws.dayConsumed += input.millicredits;
    ctx.ws.periodConsumed += input.millicredits;
    ctx.ws.overdraft += decision.overdraft;
    if (member) {
      member.periodConsumed += input.millicredits;
      ctx.dirtyMembers.add(member);
    }
    const draft: EntryDraft = {
      id: 0,
      workspaceId: ctx.ws.id,
      type,
      key: input.key,
      millicredits: input.millicredits,
      memberId: input.memberId ?? null,
      workflowId: input.workflowId ?? null,
      workflowName: input.workflowName ?? null,
      executionId: input.executionId ?? null,
      nodeName: input.nodeName ?? null,
      nodeType: input.nodeType ?? null,
      runIndex: input.runIndex ?? null,
      mode: input.mode ?? null,
      kind: input.kind ?? null,
      model: input.model ?? null,
      tokens: input.tokens ? { input: input.tokens.input, output: input.tokens.output } : null,
      status: input.status ?? null,
      debits: decision.debits,
      overdraft: decision.overdraft,
      reversesKey: null,
      reservationId: null,
      occurredAt: input.occurredAt === undefined ? ctx.now : checkTime(input.occurredAt, 'occurredAt', ctx.now),
      recordedAt: ctx.now,
    };
    if (extra) Object.assign(draft, extra);
    ctx.seen.set(input.key, draft);
    ctx.drafts.push(draft);
    const balance = this.available(ctx);
    // The entry object is shared with the draft so the id assigned at flush shows in the outcome.
    return new LazyOutcome('recorded', input.key, draft, balance, ctx.ws.overdraft) as unknown as ChargeOutcome;
  }
}
