import type { Row, Tx } from '../db';
import { LedgerError } from '../errors';
import { iso } from '../rows';
import type { CreatePurchaseInput, PaymentConfirmation, PaymentOutcome, PaymentReversal, Purchase, PurchaseStatus } from '../types';
import { checkAmount, checkId, optionalText } from '../validate';
import type { Administration } from './administration';
import type { ChargeDecider } from './chargeDecider';
import type { Context } from './context';
import { creditsForMoney, takeBack } from './takeBack';

const num = (v: unknown) => Number(v);
const textOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));
const timeOrNull = (v: unknown) => (v === null || v === undefined ? null : iso(Number(v)));

function purchaseOut(r: Row): Purchase {
  return {
    id: String(r.id), workspaceId: String(r.workspace_id), provider: String(r.provider), sessionId: String(r.session_id), packId: String(r.pack_id),
    millicredits: num(r.millicredits), amount: num(r.amount), currency: String(r.currency), boughtBy: String(r.bought_by),
    status: String(r.status) as PurchaseStatus, paymentId: textOrNull(r.payment_id), customerId: textOrNull(r.customer_id), grantId: textOrNull(r.grant_id),
    moneyBack: num(r.money_back), reclaimed: num(r.reclaimed), createdAt: iso(num(r.created_at)), paidAt: timeOrNull(r.paid_at), refundedAt: timeOrNull(r.refunded_at),
  };
}

/**
 * Purchases of top-up packs through a payment provider, and what its verified events do to them: a paid session
 * grants its pack once (event id and session id are both idempotency keys), money given back takes the credits
 * it paid for back (`takeBack`). Each event is one transaction that locks the purchase, then the workspace.
 */
export class Purchases {
  constructor(
    private readonly core: ChargeDecider,
    private readonly admin: Administration,
  ) {}

  async createPurchase(input: CreatePurchaseInput): Promise<Purchase> {
    checkId(input.id, 'id');
    checkId(input.sessionId, 'sessionId');
    checkId(input.packId, 'packId');
    checkAmount(input.millicredits, 'millicredits');
    checkAmount(input.amount, 'amount');
    const customerId = optionalText(input.customerId, 'customerId');
    return this.core.db.transaction(async (tx) => {
      await this.core.lockWorkspace(tx, input.workspaceId);
      await tx.run(
        `INSERT INTO purchases (id, workspace_id, provider, session_id, pack_id, millicredits, amount, currency, bought_by, status, customer_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
        [input.id, input.workspaceId, checkId(input.provider, 'provider'), input.sessionId, input.packId, input.millicredits, input.amount, input.currency.toLowerCase(), checkId(input.boughtBy, 'boughtBy'), customerId, this.core.clock()],
      );
      return purchaseOut((await tx.get('SELECT * FROM purchases WHERE id = ?', [input.id]))!);
    });
  }

  async listPurchases(workspaceId: string, limit = 100): Promise<Purchase[]> {
    await this.core.requireWorkspace(workspaceId);
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) throw new LedgerError('invalid-input', `limit must be from 1 to 1000, got ${JSON.stringify(limit)}`, { field: 'limit' });
    const rows = await this.core.db.all(`SELECT * FROM purchases WHERE workspace_id = ? ORDER BY created_at DESC, id DESC LIMIT ${limit}`, [workspaceId]);
    return rows.map(purchaseOut);
  }

  async getPurchase(provider: string, sessionId: string): Promise<Purchase | null> {
    const row = await this.core.db.get('SELECT * FROM purchases WHERE provider = ? AND session_id = ?', [provider, sessionId]);
    return row ? purchaseOut(row) : null;
  }

  /** A session completed or paid: checked against the purchase, then its pack granted once. */
  async confirmPayment(input: PaymentConfirmation): Promise<PaymentOutcome> {
    return this.core.db.transaction(async (tx) => {
      if (await this.seen(tx, input.provider, input.eventId)) return { status: 'duplicate', purchase: await this.bySession(tx, input.provider, input.sessionId) };
      const row = await tx.get(`SELECT * FROM purchases WHERE provider = ? AND session_id = ?${this.core.db.lockSuffix}`, [input.provider, input.sessionId]);
      if (!row) return { status: 'rejected', code: 'unknown-session', message: `no purchase for ${input.provider} session "${input.sessionId}"` };
      const p = purchaseOut(row);
      const wrong = this.mismatch(p, input);
      if (wrong) return wrong;
      const ctx = await this.core.open(tx, p.workspaceId);
      await this.remember(tx, input.provider, input.eventId, input.eventType, input.paymentId, null, 'applied');
      await tx.run('UPDATE purchases SET payment_id = COALESCE(payment_id, ?), customer_id = COALESCE(customer_id, ?) WHERE id = ?', [input.paymentId, input.customerId, p.id]);
      // Completed but not paid yet (an asynchronous method), or paid before by another event: nothing to grant.
      if (!input.paid || p.grantId !== null) {
        await this.core.saveWorkspace(tx, ctx.ws);
        return { status: 'duplicate', purchase: purchaseOut((await tx.get('SELECT * FROM purchases WHERE id = ?', [p.id]))!) };
      }
      const { grant } = await this.admin.grantIn(tx, ctx, { workspaceId: p.workspaceId, kind: 'topup', millicredits: p.millicredits }, p.millicredits, `purchase:${p.id}`, `pack ${p.packId} paid through ${p.provider} (${p.sessionId})`);
      await tx.run("UPDATE purchases SET status = 'paid', grant_id = ?, paid_at = ? WHERE id = ?", [grant.id, ctx.now, p.id]);
      await this.core.saveWorkspace(tx, ctx.ws);
      // Money given back before this payment was known (events out of order) is taken back now.
      const waiting = await tx.all("SELECT event_id, money_back FROM payment_events WHERE provider = ? AND payment_id = ? AND state = 'waiting'", [p.provider, input.paymentId ?? p.paymentId]);
      let moneyBack = 0;
      for (const w of waiting) moneyBack = Math.max(moneyBack, num(w.money_back));
      if (waiting.length > 0) await tx.run("UPDATE payment_events SET state = 'applied' WHERE provider = ? AND payment_id = ? AND state = 'waiting'", [p.provider, input.paymentId ?? p.paymentId]);
      const back = moneyBack > 0 ? await this.giveBack(tx, ctx, { ...p, grantId: grant.id }, moneyBack, input.eventId) : { reclaimed: 0, debt: 0 };
      // Debt is repaid first: the new credits pay off what the workspace owed.
      if (ctx.ws.overdraft > 0) await this.core.repay(tx, ctx.ws, await this.core.usableGrants(tx, ctx.ws.id, ctx.now), ctx.now);
      const purchase = purchaseOut((await tx.get('SELECT * FROM purchases WHERE id = ?', [p.id]))!);
      return { status: 'applied', purchase, granted: p.millicredits, ...back };
    });
  }

  /** A session failed or expired: a pending purchase says so; a paid one stays paid (a stale event). */
  async closePurchase(provider: string, eventId: string, eventType: string, sessionId: string, status: 'failed' | 'expired'): Promise<PaymentOutcome> {
    return this.core.db.transaction(async (tx) => {
      if (await this.seen(tx, provider, eventId)) return { status: 'duplicate', purchase: await this.bySession(tx, provider, sessionId) };
      const row = await tx.get(`SELECT * FROM purchases WHERE provider = ? AND session_id = ?${this.core.db.lockSuffix}`, [provider, sessionId]);
      if (!row) return { status: 'rejected', code: 'unknown-session', message: `no purchase for ${provider} session "${sessionId}"` };
      await this.remember(tx, provider, eventId, eventType, null, null, 'applied');
      const changed = await tx.run("UPDATE purchases SET status = ? WHERE id = ? AND status = 'pending'", [status, String(row.id)]);
      const purchase = purchaseOut((await tx.get('SELECT * FROM purchases WHERE id = ?', [String(row.id)]))!);
      return changed > 0 ? { status: 'applied', purchase, granted: 0, reclaimed: 0, debt: 0 } : { status: 'duplicate', purchase };
    });
  }

  /** Money given back (a refund or a dispute): the credits it paid for are taken back, or wait for their payment. */
  async reversePayment(input: PaymentReversal): Promise<PaymentOutcome> {
    checkAmount(input.moneyBack, 'moneyBack');
    return this.core.db.transaction(async (tx) => {
      if (await this.seen(tx, input.provider, input.eventId)) return { status: 'duplicate', purchase: null };
      const row = await tx.get(`SELECT * FROM purchases WHERE provider = ? AND payment_id = ?${this.core.db.lockSuffix}`, [input.provider, input.paymentId]);
      if (!row || row.grant_id === null) {
        await this.remember(tx, input.provider, input.eventId, input.eventType, input.paymentId, input.moneyBack, 'waiting');
        return { status: 'waiting', paymentId: input.paymentId };
      }
      const p = purchaseOut(row);
      if (input.currency !== null && input.currency.toLowerCase() !== p.currency) {
        return { status: 'rejected', code: 'currency-mismatch', message: `the payment was in ${p.currency}, the ${input.eventType} event says ${input.currency.toLowerCase()}` };
      }
      const ctx = await this.core.open(tx, p.workspaceId);
      await this.remember(tx, input.provider, input.eventId, input.eventType, input.paymentId, input.moneyBack, 'applied');
      const back = await this.giveBack(tx, ctx, p, input.moneyBack, input.eventId);
      const purchase = purchaseOut((await tx.get('SELECT * FROM purchases WHERE id = ?', [p.id]))!);
      return back.reclaimed === 0 && purchase.moneyBack === p.moneyBack ? { status: 'duplicate', purchase } : { status: 'applied', purchase, granted: 0, ...back };
    });
  }

  /** Raises the money given back to `moneyBack` (totals only grow) and takes back the credits the rise paid for. */
  private async giveBack(tx: Tx, ctx: Context, p: Purchase, moneyBack: number, eventId: string): Promise<{ reclaimed: number; debt: number }> {
    const total = Math.min(p.amount, Math.max(p.moneyBack, moneyBack));
    const delta = creditsForMoney(p.millicredits, p.amount, total) - p.reclaimed;
    let debt = 0;
    if (delta > 0) debt = (await takeBack(this.core, tx, ctx, p.grantId!, delta, `clawback:${p.id}:${eventId}`, 'refunded')).debt;
    if (total > p.moneyBack) {
      await tx.run("UPDATE purchases SET money_back = ?, reclaimed = reclaimed + ?, status = 'refunded', refunded_at = ? WHERE id = ?", [total, Math.max(delta, 0), ctx.now, p.id]);
    }
    return { reclaimed: Math.max(delta, 0), debt };
  }

  private mismatch(p: Purchase, input: PaymentConfirmation): Extract<PaymentOutcome, { status: 'rejected' }> | null {
    if (input.workspaceId !== null && input.workspaceId !== p.workspaceId) return { status: 'rejected', code: 'workspace-mismatch', message: `session "${p.sessionId}" belongs to another workspace` };
    if (input.currency !== null && input.currency.toLowerCase() !== p.currency) return { status: 'rejected', code: 'currency-mismatch', message: `pack ${p.packId} costs ${p.currency}, the session was paid in ${input.currency.toLowerCase()}` };
    if (input.amount !== null && input.amount !== p.amount) return { status: 'rejected', code: 'amount-mismatch', message: `pack ${p.packId} costs ${p.amount}, the session's amount is ${input.amount}` };
    return null;
  }

  private async seen(tx: Tx, provider: string, eventId: string): Promise<boolean> {
    return (await tx.get('SELECT event_id FROM payment_events WHERE provider = ? AND event_id = ?', [provider, checkId(eventId, 'eventId')])) !== undefined;
  }

  private async bySession(tx: Tx, provider: string, sessionId: string): Promise<Purchase | null> {
    const row = await tx.get('SELECT * FROM purchases WHERE provider = ? AND session_id = ?', [provider, sessionId]);
    return row ? purchaseOut(row) : null;
  }

  private async remember(tx: Tx, provider: string, eventId: string, type: string, paymentId: string | null, moneyBack: number | null, state: 'applied' | 'waiting'): Promise<void> {
    await tx.run('INSERT INTO payment_events (provider, event_id, type, payment_id, money_back, state, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [provider, eventId, type, paymentId, moneyBack, state, this.core.clock()]);
  }
}
