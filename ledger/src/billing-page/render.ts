import { renderBanner } from './banner';
import { renderUsageChart } from './chart';
import { escapeHtml as e, formatCredits, formatPrice } from './escape';
import type { CardModel, PageModel } from './model';
import { renderByNodeType, renderByWorkflow, renderDeliveries, renderDrill } from './tables';
import { formatDate } from './time';
import { renderPackAction, renderPurchases } from './renderPurchases';

/**
 * The HTML document around a body; scripts and styles come from /assets so the CSP can forbid inline code.
 * Chart.js (served by the ledger itself, no CDN) loads before the page script that draws with it.
 */
function layout(title: string, body: string, csrf = '', chart = false): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${e(csrf)}">
<title>${e(title)}</title><link rel="stylesheet" href="/assets/page.css"></head>
<body>${body}${chart ? '<script src="/assets/chart.umd.js"></script>' : ''}<script src="/assets/page.js"></script></body></html>`;
}

/** The sign-in page: one key field. */
export function renderSignIn(message?: string): string {
  return layout(
    'n8n Credits · Sign in',
    `<main class="signin"><h1>n8n Credits</h1><p>Sign in with an API key to see this workspace's billing.</p>
<form id="signin"><label>API key <input id="key" name="key" type="password" autocomplete="off" required></label>
<button type="submit">Sign in</button></form>
<p id="signin-error" class="error" role="alert">${e(message ?? '')}</p></main>`,
  );
}

function cardLine(label: string, value: string, id: string, extra = ''): string {
  return `<div class="line ${extra}"><dt>${e(label)}</dt><dd id="${id}">${value}</dd></div>`;
}

function renderCard(card: CardModel, tz: string): string {
  const lines = [
    cardLine('Consumed this period', formatCredits(card.consumed), 'card-consumed'),
    cardLine('Remaining', formatCredits(card.remaining), 'card-remaining'),
    cardLine('Resets on', e(formatDate(card.resetAt, tz)), 'card-reset'),
    cardLine('Rollover Credits', formatCredits(card.rollover), 'card-rollover', 'rollover'),
    cardLine('Top-up credits', formatCredits(card.topUp), 'card-topup'),
    cardLine('Total Available', formatCredits(card.totalAvailable), 'card-total', 'total'),
  ];
  if (card.dailyRemaining !== null) lines.push(cardLine('Remaining today', formatCredits(card.dailyRemaining), 'card-daily'));
  if (card.overdraft > 0) lines.push(cardLine('Overdraft', formatCredits(card.overdraft), 'card-overdraft', 'overdraft'));
  return `<section class="card" id="usage-card"><h2>Usage</h2><p class="muted">Credits of the period ${e(formatDate(card.periodStart, tz))} – ${e(formatDate(card.resetAt, tz))} (allocation ${formatCredits(card.allocation)}).</p><dl>${lines.join('')}</dl></section>`;
}

function renderPacks(model: PageModel): string {
  if (!model.packs) return '';
  const items = model.packs.length
    ? model.packs
        .map((p) => `<li><span>${formatCredits(p.millicredits)} credits</span> <span class="price">${e(formatPrice(p.price, p.currency))}</span> ${renderPackAction(p, model.checkout)}</li>`)
        .join('')
    : '<li class="empty">This plan offers no top-up packs.</li>';
  return `<section class="card" id="topups"><h2>Top up</h2><ul class="packs">${items}</ul><p id="topup-status" role="status"></p></section>`;
}

function renderPlan(model: PageModel): string {
  const p = model.plan;
  if (!p) return '';
  return `<section class="card" id="plan"><h2>Plan</h2><dl>
<div class="line"><dt>Plan</dt><dd id="plan-name">${e(p.name)}</dd></div>
<div class="line"><dt>Billing cycle</dt><dd>${e(p.cycle)}</dd></div>
<div class="line"><dt>Allocation</dt><dd>${formatCredits(p.allocation)}</dd></div>
<div class="line"><dt>Daily limit</dt><dd>${p.dailyLimit === null ? 'none' : formatCredits(p.dailyLimit)}</dd></div>
<div class="line"><dt>Rollover cap</dt><dd>${formatCredits(p.rolloverCap)}</dd></div>
<div class="line"><dt>When credits run out</dt><dd>${e(p.exhaustion)}</dd></div></dl>
<p class="muted">${e(p.description)}</p></section>`;
}

function renderAlerts(model: PageModel): string {
  const a = model.alerts;
  if (!a) return '';
  // Only an admin may change them (PUT /v1/alerts); others see them read-only.
  const disabled = model.role === 'admin' ? '' : ' disabled';
  // What the form has no field for travels in data attributes, so saving the form keeps it.
  const kept = `data-spike-days="${a.spikeDays}" data-events="${e(JSON.stringify(a.events))}"`;
  return `<section class="card" id="alerts"><h2>Alerts</h2><form id="alert-form" ${kept}>
<label>Warn at percent used (comma separated) <input name="thresholds" value="${e(a.thresholds.join(', '))}"${disabled}></label>
<label>Warn below credits <input name="belowCredits" inputmode="decimal" value="${a.belowMillicredits === null ? '' : formatCredits(a.belowMillicredits).replace(/,/g, '')}"${disabled}></label>
<label>Spike factor (today vs. the average of ${a.spikeDays} days) <input name="spikeFactor" inputmode="decimal" value="${a.spikeFactor === null ? '' : a.spikeFactor}"${disabled}></label>
<label>E-mail <input name="email" type="email" value="${e(a.email ?? '')}"${disabled}></label>
<label>Webhook URL <input name="webhookUrl" type="url" value="${e(a.webhookUrl ?? '')}"${disabled}></label>
<button type="submit"${disabled}>Save alerts</button> <span id="alert-status" role="status"></span></form></section>`;
}

/** The signed-in billing page. Every string that came from a user or the store goes through `escapeHtml`. */
export function renderPage(model: PageModel): string {
  const body = `<header><h1>Billing · <span id="workspace-name">${e(model.workspaceName)}</span></h1>
<p class="who">Signed in with <b>${e(model.keyName)}</b> (<span id="role">${e(model.role)}</span>) <button id="signout">Sign out</button></p>
<p class="muted zone">Times in <span id="time-zone">${e(model.timeZone)}</span></p></header>
${renderBanner(model)}
<main>${model.card ? renderCard(model.card, model.timeZone) : ''}
${model.memberScope === null ? '' : `<p class="muted" id="member-scope">The chart and the breakdowns show the usage of member <b>${e(model.memberScope)}</b>; the card shows the workspace's pool.</p>`}
${model.chart ? `<section class="card" id="daily"><h2>Usage, last 30 days</h2>${renderUsageChart(model.chart)}</section>` : ''}
${renderDrill(model)}
<div class="grid">${renderByWorkflow(model.byWorkflow)}${renderByNodeType(model.byNodeType, model.nodeClasses)}</div>
${renderPacks(model)}${renderPurchases(model)}${renderPlan(model)}${renderAlerts(model)}${renderDeliveries(model)}</main>`;
  return layout(`Billing · ${model.workspaceName}`, body, model.csrf, (model.chart?.series.length ?? 0) > 0);
}
