import { blankEntry } from '../rows';
import type { Tx } from '../db';
import type { Context } from './context';
import type { ChargeDecider } from './chargeDecider';

/**
 * Millicredits of a pack that `moneyBack` of its price pays for: rounded down, so a partial refund never takes
 * back more credits than the money it returns bought. BigInt: pack × price may pass 2^53.
 */
export function creditsForMoney(millicredits: number, price: number, moneyBack: number): number {
  if (price <= 0) return moneyBack > 0 ? millicredits : 0;
  const back = BigInt(Math.min(Math.max(moneyBack, 0), price));
  return Number((BigInt(millicredits) * back) / BigInt(price));
}

/**
 * Takes `millicredits` back from a paid grant (a refund or dispute): its unspent part comes off the grant,
 * the part already spent becomes debt, recorded as one `clawback` entry (0 millicredits: no usage; debits on
 * the grant; `overdraft` the new debt) so the audit still adds up. Debt is then repaid first by whatever credits
 * the workspace holds, as for any debt (a `repayment` entry). Returns what came off the grant and the new debt.
 */
export async function takeBack(core: ChargeDecider, tx: Tx, ctx: Context, grantId: string, millicredits: number, key: string, reason: string): Promise<{ fromGrant: number; debt: number }> {
  const row = await tx.get('SELECT remaining FROM grants WHERE id = ? AND workspace_id = ?', [grantId, ctx.ws.id]);
  // A paid purchase always has its grant: a missing one is a broken invariant, not bad input.
  if (!row) throw new Error(`purchase grant "${grantId}" is missing from workspace "${ctx.ws.id}"`);
  // A lapsed grant's remainder was never usable: taking it costs the customer nothing, so it comes first too.
  const fromGrant = Math.min(millicredits, Math.max(0, Number(row.remaining)));
  const debt = millicredits - fromGrant;
  if (fromGrant > 0) await tx.run('UPDATE grants SET remaining = remaining - ? WHERE id = ?', [fromGrant, grantId]);
  ctx.ws.overdraft += debt;
  await core.insertEntry(tx, {
    ...blankEntry(ctx.ws.id, 'clawback', key, ctx.now), status: reason,
    debits: fromGrant > 0 ? [{ grantId, millicredits: fromGrant }] : [], overdraft: debt,
  });
  await core.saveWorkspace(tx, ctx.ws);
  // Debt is repaid first, by the credits the workspace holds now.
  if (ctx.ws.overdraft > 0) await core.repay(tx, ctx.ws, await core.usableGrants(tx, ctx.ws.id, ctx.now), ctx.now);
  return { fromGrant, debt };
}
