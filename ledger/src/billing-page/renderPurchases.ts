import { escapeHtml as e, formatCredits, formatPrice } from './escape';
import type { PackModel, PageModel } from './model';
import { stackTable } from './tables';
import { timeHtml } from './time';

/**
 * A pack's button: "Buy" goes to the provider's checkout; with no provider configured it is an explicit admin
 * "Grant credits" (the page asks to confirm and for a reason), which records a grant, never a purchase.
 */
export function renderPackAction(pack: PackModel, checkout: boolean | undefined): string {
  if (checkout) return `<button class="buy" data-mode="checkout" data-pack="${e(pack.id)}">Buy</button>`;
  return `<button class="buy" data-mode="grant" data-pack="${e(pack.id)}" data-credits="${e(formatCredits(pack.millicredits))}">Grant credits</button>`;
}

/**
 * The purchase history: date, pack, amount, who bought, the provider's ids, status. Like the other tables it is
 * dated in the workspace's zone and stacks into cards on a phone.
 */
export function renderPurchases(model: PageModel): string {
  if (!model.purchases) return '';
  if (model.purchases.length === 0) return '<section class="card" id="purchases"><h2>Purchases</h2><p class="empty">No purchases yet.</p></section>';
  const table = stackTable(
    [{ label: 'Date' }, { label: 'Pack' }, { label: 'Amount', num: true }, { label: 'Bought by' }, { label: 'Provider ids' }, { label: 'Status' }],
    model.purchases.map((p) => [
      timeHtml(p.at, model.timeZone), `${e(p.packId)} (${formatCredits(p.millicredits)} credits)`, e(formatPrice(p.amount, p.currency.toUpperCase())), e(p.boughtBy),
      `<code>${e(p.sessionId)}</code>${p.paymentId ? `<br><code>${e(p.paymentId)}</code>` : ''}`, e(p.status),
    ]),
    model.purchases.map((p) => p.status),
  );
  return `<section class="card" id="purchases"><h2>Purchases</h2>${table}</section>`;
}
