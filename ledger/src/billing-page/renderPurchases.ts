import { escapeHtml as e, formatCredits, formatPrice } from './escape';
import type { PackModel, PageModel } from './model';

/**
 * A pack's button: "Buy" goes to the provider's checkout; with no provider configured it is an explicit admin
 * "Grant credits" (the page asks to confirm and for a reason), which records a grant, never a purchase.
 */
export function renderPackAction(pack: PackModel, checkout: boolean | undefined): string {
  if (checkout) return `<button class="buy" data-mode="checkout" data-pack="${e(pack.id)}">Buy</button>`;
  return `<button class="buy" data-mode="grant" data-pack="${e(pack.id)}" data-credits="${e(formatCredits(pack.millicredits))}">Grant credits</button>`;
}

/** The purchase history: date, pack, amount, who bought, the provider's ids, status. */
export function renderPurchases(model: PageModel): string {
  if (!model.purchases) return '';
  if (model.purchases.length === 0) return '<section class="card" id="purchases"><h2>Purchases</h2><p class="empty">No purchases yet.</p></section>';
  const rows = model.purchases
    .map((p) => `<tr class="${e(p.status)}"><td>${e(p.at.slice(0, 16).replace('T', ' '))}</td><td>${e(p.packId)} (${formatCredits(p.millicredits)} credits)</td><td class="num">${e(formatPrice(p.amount, p.currency.toUpperCase()))}</td><td>${e(p.boughtBy)}</td><td><code>${e(p.sessionId)}</code>${p.paymentId ? `<br><code>${e(p.paymentId)}</code>` : ''}</td><td class="status">${e(p.status)}</td></tr>`)
    .join('');
  return `<section class="card" id="purchases"><h2>Purchases</h2><table><thead><tr><th>Date</th><th>Pack</th><th class="num">Amount</th><th>Bought by</th><th>Provider ids</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}
