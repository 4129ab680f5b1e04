import { escapeHtml as e, formatCredits } from './escape';
import type { PageModel } from './model';
import { formatTime } from './time';

/** Why admission refuses every new execution (`admits` with nothing asked: only these two under `pause`). */
const PAUSED: Record<string, string> = {
  'daily-limit': "Today's credit limit is used up",
  'insufficient-credits': 'No credits are left',
};

/**
 * The banner over the page while the workspace is paused (new executions are refused) or owes credits; what
 * happens next and what the admin can do about it. Nothing while neither holds.
 */
export function renderBanner(model: PageModel): string {
  const { paused, debt } = model.account;
  if (!paused && debt === 0) return '';
  const lines: string[] = [];
  if (paused) {
    const renews = formatTime(paused.renewsAt, model.timeZone);
    const topUp = model.packs && model.packs.length > 0 && paused.reason !== 'daily-limit' ? ', or top up below' : '';
    lines.push(`<p id="banner-paused"><b>Executions are paused.</b> ${e(PAUSED[paused.reason] ?? 'Credits are used up')}: n8n refuses new executions until credits renew on ${e(renews)}${topUp}.</p>`);
  }
  if (debt > 0) {
    lines.push(`<p id="banner-debt"><b>The workspace owes ${formatCredits(debt)} credits.</b> They are taken first from the next credits that arrive (a renewal or a top-up).</p>`);
  }
  return `<div class="banner${paused ? ' paused' : ''}" id="status-banner" role="alert">${lines.join('')}</div>`;
}
