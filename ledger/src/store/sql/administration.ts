import { randomUUID } from 'node:crypto';
import { checkMemberAllocations } from '../../../../shared-pricing/src/accounting/checkMemberAllocations';
import { compareGrants } from '../../../../shared-pricing/src/accounting/compareGrants';
import { dayAt } from '../../../../shared-pricing/src/accounting/dayAt';
import { defaultGrantPriority } from '../../../../shared-pricing/src/accounting/defaultGrantPriority';
import { periodAt } from '../../../../shared-pricing/src/accounting/periodAt';
import { allocationAfterPlanChange } from '../../../../shared-pricing/src/accounting/allocationAfterPlanChange';
import { samePlan } from '../../../../shared-pricing/src/plans/samePlan';
import { topUpExpiresAt } from '../../../../shared-pricing/src/accounting/topUpExpiresAt';
import type { Plan } from '../../../../shared-pricing/src/plans/types';
import { type Tx } from '../db';
import { LedgerError } from '../errors';
import { grantOut, grantState, memberOut, memberState, workspaceOut, workspaceState, type GrantState, type WorkspaceState } from '../rows';
import type { AddMemberInput, CreateWorkspaceInput, Grant, GrantInput, GrantKind, Member, Workspace } from '../types';
import { checkAmount, checkId, checkPlan, checkTime, checkTimeZone, optionalText } from '../validate';
import { checkTotal } from '../bounds';
import { ChargeDecider } from './chargeDecider';
import { type Context, USABLE_GRANTS_SQL } from './context';

const GRANT_KINDS: GrantKind[] = ['allocation', 'rollover', 'topup', 'manual', 'promo'];

/** Workspaces, plans, daily limits, members and grants. */
export class Administration {
  constructor(private readonly core: ChargeDecider) {}

  async createWorkspace(input: CreateWorkspaceInput): Promise<Workspace> {
    const id = input.id === undefined ? randomUUID() : checkId(input.id, 'id');
    const name = checkId(input.name, 'name');
    const plan = checkPlan(input.plan);
    const timeZone = checkTimeZone(input.timeZone);
    const anchorDay = input.anchorDay;
    if (!Number.isInteger(anchorDay) || anchorDay < 1 || anchorDay > 31) {
      throw new LedgerError('invalid-input', `anchorDay must be an integer from 1 to 31, got ${JSON.stringify(anchorDay)}`, { field: 'anchorDay' });
    }
    const anchorMonth = input.anchorMonth ?? 1;
    if (!Number.isInteger(anchorMonth) || anchorMonth < 1 || anchorMonth > 12) {
      throw new LedgerError('invalid-input', `anchorMonth must be an integer from 1 to 12, got ${JSON.stringify(anchorMonth)}`, { field: 'anchorMonth' });
    }
    return this.core.db.transaction(async (tx) => {
      const now = this.core.clock();
      if (await tx.get('SELECT id FROM workspaces WHERE id = ?', [id])) throw new LedgerError('duplicate-workspace', `workspace "${id}" already exists`, { workspaceId: id });
      const period = periodAt(now, { cycle: plan.cycle, anchorDay, anchorMonth, timeZone });
      const day = dayAt(now, timeZone);
      const planJson = JSON.stringify(plan);
      await tx.run(
        `INSERT INTO workspaces (id, name, plan, time_zone, anchor_day, anchor_month, daily_limit_set, daily_limit, created_at, plan_started_at,
          period_start, period_end, day_start, day_end, day_consumed, overdraft, reserved, next_hold_expiry, helper_runs)
         VALUES (?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?, ?, ?, ?, 0, 0, 0, NULL, 0)`,
        [id, name, planJson, timeZone, anchorDay, anchorMonth, now, now, period.start, period.end, day.start, day.end],
      );
      await this.core.issueAllocation(tx, id, plan.allocation, period.start, period.end, now);
      return workspaceOut(workspaceState((await tx.get('SELECT * FROM workspaces WHERE id = ?', [id]))!));
    });
  }

  async getWorkspace(workspaceId: string): Promise<Workspace | null> {
    checkId(workspaceId, 'workspaceId');
    const row = await this.core.db.get('SELECT * FROM workspaces WHERE id = ?', [workspaceId]);
    return row ? workspaceOut(workspaceState(row)) : null;
  }

  async listWorkspaces(): Promise<Workspace[]> {
    const rows = await this.core.db.all('SELECT * FROM workspaces ORDER BY created_at, id');
    return rows.map((r) => workspaceOut(workspaceState(r)));
  }

  async setPlan(workspaceId: string, plan: Plan): Promise<Workspace> {
    checkPlan(plan);
    return this.core.db.transaction(async (tx) => {
      const ctx = await this.core.open(tx, workspaceId);
      const { now, ws } = ctx;
      // Saving the plan the workspace already has changes nothing.
      if (samePlan(ws.plan, plan)) {
        await this.core.saveWorkspace(tx, ws);
        return workspaceOut(ws);
      }
      const period = periodAt(now, { ...this.core.anchor(ws), cycle: plan.cycle });
      // The old plan's live allocation ends now; the new one gives what is left of its own after what the
      // allocations of this period (earlier plan changes' too) already gave.
      const issued = await tx.all("SELECT millicredits, remaining FROM grants WHERE workspace_id = ? AND kind = 'allocation' AND effective_at >= ? AND effective_at <= ?", [ws.id, ws.periodStart, now]);
      const used = issued.reduce((sum, g) => sum + Number(g.millicredits) - Number(g.remaining), 0);
      await tx.run("UPDATE grants SET expires_at = ? WHERE workspace_id = ? AND kind = 'allocation' AND effective_at <= ? AND expires_at > ?", [now, ws.id, now, now]);
      // Rollover credits stay, for the rest of the new plan's period; top-ups, manual and promotional grants are untouched.
      await tx.run("UPDATE grants SET expires_at = ? WHERE workspace_id = ? AND kind = 'rollover' AND effective_at <= ? AND expires_at > ?", [period.end, ws.id, now, now]);
      await this.core.issueAllocation(tx, ws.id, allocationAfterPlanChange(plan.allocation, used), now, period.end, now);
      ws.plan = plan;
      ws.planJson = JSON.stringify(plan);
      ws.planStartedAt = now;
      if (period.start !== ws.periodStart) await this.recountPeriod(tx, ws, period.start);
      ws.periodStart = period.start;
      ws.periodEnd = period.end;
      await tx.run('UPDATE workspaces SET plan = ?, plan_started_at = ? WHERE id = ?', [ws.planJson, now, workspaceId]);
      await this.core.saveWorkspace(tx, ws);
      return workspaceOut(ws);
    });
  }

  /**
   * A period that now starts elsewhere (a change of cycle) counts its consumption again from the entries: what
   * was charged since `start` and not reversed, for the workspace and for each member.
   */
  private async recountPeriod(tx: Tx, ws: WorkspaceState, start: number): Promise<void> {
    const rows = await tx.all(
      `SELECT member_id, COALESCE(SUM(millicredits), 0) AS consumed FROM entries e
       WHERE e.workspace_id = ? AND e.type IN ('charge', 'settlement', 'reversal') AND e.recorded_at >= ?
       GROUP BY member_id`,
      [ws.id, start],
    );
    ws.periodConsumed = rows.reduce((sum, r) => sum + Number(r.consumed), 0);
    await tx.run('UPDATE members SET period_start = ?, period_consumed = 0 WHERE workspace_id = ?', [start, ws.id]);
    for (const r of rows) {
      if (r.member_id !== null) await tx.run('UPDATE members SET period_consumed = ? WHERE workspace_id = ? AND member_id = ?', [Number(r.consumed), ws.id, String(r.member_id)]);
    }
  }

  async setDailyLimit(workspaceId: string, dailyLimit: number | null | undefined): Promise<Workspace> {
    if (dailyLimit !== null && dailyLimit !== undefined) checkAmount(dailyLimit, 'dailyLimit');
    return this.core.db.transaction(async (tx) => {
      const { ws } = await this.core.open(tx, workspaceId);
      ws.dailyLimitSet = dailyLimit !== undefined;
      ws.dailyLimit = dailyLimit ?? null;
      await tx.run('UPDATE workspaces SET daily_limit_set = ?, daily_limit = ? WHERE id = ?', [ws.dailyLimitSet ? 1 : 0, ws.dailyLimit, workspaceId]);
      await this.core.saveWorkspace(tx, ws);
      return workspaceOut(ws);
    });
  }

  async addMember(input: AddMemberInput): Promise<Member> {
    const memberId = checkId(input.memberId, 'memberId');
    const name = optionalText(input.name, 'name');
    const allocation = input.allocation === undefined || input.allocation === null ? null : checkAmount(input.allocation, 'allocation');
    return this.core.db.transaction(async (tx) => {
      const ctx = await this.core.open(tx, input.workspaceId);
      if (await tx.get('SELECT member_id FROM members WHERE workspace_id = ? AND member_id = ?', [input.workspaceId, memberId])) {
        throw new LedgerError('duplicate-member', `member "${memberId}" already exists in workspace "${input.workspaceId}"`, { memberId });
      }
      await this.checkPool(tx, ctx.ws, memberId, allocation);
      await tx.run('INSERT INTO members (workspace_id, member_id, name, allocation, period_start, period_consumed, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)', [
        input.workspaceId, memberId, name, allocation, ctx.ws.periodStart, ctx.now,
      ]);
      await this.core.saveWorkspace(tx, ctx.ws);
      return memberOut({ workspaceId: input.workspaceId, memberId, name, allocation, periodStart: ctx.ws.periodStart, periodConsumed: 0, createdAt: ctx.now }, ctx.ws.periodStart);
    });
  }

  /** Monkedo: members' allocations share the plan's pool, which does not grow with members. */
  private async checkPool(tx: Tx, ws: WorkspaceState, memberId: string, allocation: number | null): Promise<void> {
    if (allocation === null) return;
    const others = await tx.all('SELECT allocation FROM members WHERE workspace_id = ? AND member_id <> ?', [ws.id, memberId]);
    const excess = checkMemberAllocations(ws.plan.allocation, [...others.map((r) => (r.allocation === null ? null : Number(r.allocation))), allocation]);
    if (excess !== null) {
      throw new LedgerError('invalid-input', `member allocations would exceed the plan's pool of ${ws.plan.allocation} millicredits by ${excess}`, { field: 'allocation', excess });
    }
  }

  async listMembers(workspaceId: string): Promise<Member[]> {
    checkId(workspaceId, 'workspaceId');
    const ws = await this.core.db.get('SELECT period_start FROM workspaces WHERE id = ?', [workspaceId]);
    if (!ws) throw new LedgerError('unknown-workspace', `unknown workspace "${workspaceId}"`, { workspaceId });
    const rows = await this.core.db.all('SELECT * FROM members WHERE workspace_id = ? ORDER BY member_id', [workspaceId]);
    return rows.map((r) => memberOut(memberState(r), Number(ws.period_start)));
  }

  async setMemberAllocation(workspaceId: string, memberId: string, allocation: number | null): Promise<Member> {
    checkId(memberId, 'memberId');
    if (allocation !== null) checkAmount(allocation, 'allocation');
    return this.core.db.transaction(async (tx) => {
      const ctx = await this.core.open(tx, workspaceId);
      const member = await this.core.member(tx, ctx, memberId);
      await this.checkPool(tx, ctx.ws, memberId, allocation);
      member.allocation = allocation;
      await tx.run('UPDATE members SET allocation = ?, period_start = ?, period_consumed = ? WHERE workspace_id = ? AND member_id = ?', [
        allocation, member.periodStart, member.periodConsumed, workspaceId, memberId,
      ]);
      await this.core.saveWorkspace(tx, ctx.ws);
      return memberOut(member, ctx.ws.periodStart);
    });
  }

  async addGrant(input: GrantInput): Promise<Grant> {
    return (await this.addGrantOnce(input)).grant;
  }

  async addGrantOnce(input: GrantInput): Promise<{ grant: Grant; created: boolean }> {
    if (!GRANT_KINDS.includes(input.kind)) throw new LedgerError('invalid-input', `kind must be one of ${GRANT_KINDS.join(', ')}, got ${JSON.stringify(input.kind)}`, { field: 'kind' });
    const amount = checkAmount(input.millicredits, 'millicredits');
    if (input.priority !== undefined && !Number.isSafeInteger(input.priority)) throw new LedgerError('invalid-input', `priority must be an integer, got ${JSON.stringify(input.priority)}`, { field: 'priority' });
    const key = optionalText(input.key, 'key');
    const note = optionalText(input.note, 'note');
    return this.core.db.transaction(async (tx) => {
      const ctx = await this.core.open(tx, input.workspaceId);
      const result = await this.grantIn(tx, ctx, input, amount, key, note);
      await this.core.saveWorkspace(tx, ctx.ws);
      return result;
    });
  }

  /** Adds a checked grant inside an open workspace transaction (purchases use it with their own bookkeeping). */
  async grantIn(tx: Tx, ctx: Context, input: GrantInput, amount: number, key: string | null, note: string | null): Promise<{ grant: Grant; created: boolean }> {
    const { now, ws } = ctx;
    if (key !== null) {
      const existing = await tx.get('SELECT * FROM grants WHERE workspace_id = ? AND grant_key = ?', [ws.id, key]);
      if (existing) {
        const grant = grantState(existing);
        if (grant.millicredits !== amount || grant.kind !== input.kind) {
          throw new LedgerError('key-conflict', `grant key "${key}" was already used for ${grant.millicredits} millicredits (${grant.kind})`, { key });
        }
        return { grant: grantOut(grant), created: false };
      }
    }
    const effectiveAt = checkTime(input.effectiveAt, 'effectiveAt', now);
    let expiresAt = input.expiresAt === undefined || input.expiresAt === null ? null : checkTime(input.expiresAt, 'expiresAt', now);
    let endsWithPlan = false;
    if (input.kind === 'topup' && input.expiresAt === undefined) {
      ({ expiresAt, endsWithPlan } = topUpExpiresAt(ws.plan.topUps.lifetime, now, { start: ws.periodStart, end: ws.periodEnd }));
    }
    if (expiresAt !== null && expiresAt <= effectiveAt) throw new LedgerError('invalid-input', 'expiresAt must be after effectiveAt', { field: 'expiresAt' });
    const held = await tx.get('SELECT COALESCE(SUM(remaining), 0) AS held FROM grants WHERE workspace_id = ? AND (expires_at IS NULL OR expires_at > ?)', [ws.id, now]);
    checkTotal(Number(held?.held ?? 0) + amount, 'the credits the workspace holds', 'millicredits');
    const grant: GrantState = {
      id: randomUUID(), workspaceId: ws.id, kind: input.kind, millicredits: amount, remaining: amount,
      priority: input.priority ?? defaultGrantPriority(input.kind), effectiveAt, expiresAt, createdAt: now, endsWithPlan, note, key,
    };
    await this.core.insertGrant(tx, grant);
    return { grant: grantOut(grant), created: true };
  }

  async listGrants(workspaceId: string, options: { all?: boolean } = {}): Promise<Grant[]> {
    await this.core.requireWorkspace(workspaceId);
    const now = this.core.clock();
    const rows = options.all
      ? await this.core.db.all('SELECT * FROM grants WHERE workspace_id = ?', [workspaceId])
      : await this.core.db.all(USABLE_GRANTS_SQL, [workspaceId, now, now]);
    return rows.map(grantState).sort(compareGrants).map(grantOut);
  }
}
