/** The page's stylesheet and script, served from /assets so the Content-Security-Policy can forbid inline code. */

export const PAGE_CSS = `
:root { font-family: system-ui, sans-serif; color: #1d2330; background: #f5f6f8; }
body { margin: 0 auto; max-width: 1040px; padding: 16px; }
header { display: flex; justify-content: space-between; align-items: baseline; flex-wrap: wrap; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.05rem; margin-top: 0; }
.card { background: #fff; border: 1px solid #dfe3ea; border-radius: 8px; padding: 14px 18px; margin: 12px 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(320px, 100%), 1fr)); gap: 12px; }
.grid > * { min-width: 0; }
dl { margin: 0; } .line { display: flex; justify-content: space-between; padding: 4px 0; border-bottom: 1px dashed #eef0f4; }
dt { color: #5b6475; } dd { margin: 0; font-variant-numeric: tabular-nums; font-weight: 600; }
.total dd { font-size: 1.15rem; } .overdraft dd { color: #b3261e; }
table { width: 100%; border-collapse: collapse; } th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #eef0f4; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.chart-box { position: relative; height: 280px; }
.chart-numbers { margin-top: 8px; } .chart-numbers summary { cursor: pointer; color: #5b6475; }
.banner { border: 1px solid #e0b4b0; background: #fdf0ef; color: #6b1a14; border-radius: 8px; padding: 4px 18px; margin: 12px 0; }
.banner p { margin: 8px 0; }
.node-type { display: inline-flex; gap: 6px; align-items: center; }
.node-icon { flex: none; fill: none; stroke: currentColor; stroke-width: 1.4; stroke-linejoin: round; stroke-linecap: round; }
.icon-trigger { color: #c26a00; } .icon-http { color: #0072b2; } .icon-app { color: #4f6bed; } .icon-code { color: #6a3d9a; }
.icon-core, .icon-other { color: #5b6475; } .icon-delay { color: #8a6d00; } .icon-subworkflow { color: #00796b; } .icon-ai { color: #b0306a; }
td, dd, code { overflow-wrap: anywhere; }
/* A phone: each table row becomes a card whose cells name their column (data-label). */
@media (max-width: 640px) {
  body { padding: 8px; } .card { padding: 12px; }
  table.stack thead { display: none; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: auto; }
  table.stack tr { border-bottom: 1px solid #dfe3ea; padding: 6px 0; }
  table.stack td { border: 0; padding: 2px 0; display: flex; gap: 12px; justify-content: space-between; text-align: right; }
  table.stack td::before { content: attr(data-label); color: #5b6475; text-align: left; flex: none; }
  table.stack td:empty { display: none; }
  input { min-width: 0; width: 100%; box-sizing: border-box; }
}
.packs { list-style: none; padding: 0; } .packs li { display: flex; gap: 12px; align-items: center; padding: 4px 0; }
.price { color: #5b6475; } .muted, .empty { color: #5b6475; } .error { color: #b3261e; }
label { display: block; margin: 6px 0; } input { padding: 4px; min-width: 260px; max-width: 100%; box-sizing: border-box; }
button { padding: 4px 12px; cursor: pointer; }
.signin { max-width: 420px; margin: 10vh auto; }
#alert-deliveries tr.failed td, #alert-deliveries tr.pending td:last-child { color: #b3261e; }
`;

export const PAGE_JS = `
(function () {
  'use strict';
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = csrfMeta ? csrfMeta.getAttribute('content') : '';
  function send(method, url, body) {
    var headers = { 'x-csrf-token': csrf };
    // No content type without a body: an empty JSON body is a 400.
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (res) {
      return res.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (err) { data = null; }
        return { status: res.status, data: data };
      });
    });
  }
  // Millicredits as credits, by integer arithmetic: up to three decimals, thousands separated (the page's format).
  function credits(m) {
    var n = Math.round(Math.abs(m)), frac = String(n % 1000);
    while (frac.length < 3) frac = '0' + frac;
    frac = frac.replace(/0+$/, '');
    return (m < 0 ? '-' : '') + Math.floor(n / 1000).toLocaleString('en-US') + (frac ? '.' + frac : '');
  }
  // Each day's total above its stack, when the bars are wide enough to carry it.
  var dayTotals = {
    id: 'dayTotals',
    afterDatasetsDraw: function (chart) {
      var meta = chart.getDatasetMeta(chart.data.datasets.length - 1);
      if (!meta.data.length || meta.data[0].width < 22) return;
      var ctx = chart.ctx;
      ctx.save();
      ctx.font = '10px system-ui, sans-serif'; ctx.fillStyle = '#1d2330'; ctx.textAlign = 'center'; ctx.textBaseline = 'bottom';
      chart.data.labels.forEach(function (_label, i) {
        var total = 0;
        chart.data.datasets.forEach(function (d) { total += d.data[i]; });
        if (total > 0) ctx.fillText(credits(total), meta.data[i].x, chart.scales.y.getPixelForValue(total) - 2);
      });
      ctx.restore();
    }
  };
  // The usage chart, drawn by Chart.js from the page's JSON data block (amounts in integer millicredits).
  function drawUsageChart() {
    var canvas = document.getElementById('usage-chart');
    var block = document.getElementById('usage-chart-data');
    if (!canvas || !block || typeof Chart === 'undefined') return;
    var data = JSON.parse(block.textContent);
    new Chart(canvas, {
      type: 'bar',
      data: { labels: data.labels, datasets: data.datasets },
      plugins: [dayTotals],
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: 'index', intersect: false },
        layout: { padding: { top: 14 } },
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 8 } },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: 'credits' }, ticks: { callback: function (v) { return credits(v); } } }
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: { callbacks: {
            label: function (item) { return item.dataset.label + ': ' + credits(item.parsed.y) + ' credits'; },
            footer: function (items) { var t = 0; items.forEach(function (item) { t += item.parsed.y; }); return 'Total: ' + credits(t) + ' credits'; }
          } }
        }
      }
    });
  }
  function errorText(r) { return r.data && r.data.error ? r.data.error.message : 'request failed (' + r.status + ')'; }
  var signin = document.getElementById('signin');
  if (signin) signin.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var key = document.getElementById('key').value;
    send('POST', '/session', { key: key }).then(function (r) {
      if (r.status === 200) location.reload();
      else document.getElementById('signin-error').textContent = errorText(r);
    });
  });
  var signout = document.getElementById('signout');
  if (signout) signout.addEventListener('click', function () {
    send('DELETE', '/session').then(function () { location.href = '/'; });
  });
  Array.prototype.forEach.call(document.querySelectorAll('button.buy'), function (button) {
    button.addEventListener('click', function () {
      var status = document.getElementById('topup-status');
      var pack = button.getAttribute('data-pack');
      // With a payment provider: pay at its checkout page; the credits arrive with its verified webhook.
      if (button.getAttribute('data-mode') === 'checkout') {
        button.disabled = true;
        send('POST', '/v1/checkout', { packId: pack }).then(function (r) {
          if (r.status === 201) location.href = r.data.url;
          else { status.textContent = errorText(r); button.disabled = false; }
        });
        return;
      }
      // Without one: an explicit grant, confirmed and with a reason, never shown as a purchase.
      if (!confirm('Grant ' + button.getAttribute('data-credits') + ' credits without a payment?')) return;
      var reason = (prompt('Reason for this grant') || '').trim();
      if (!reason) { status.textContent = 'A reason is required to grant credits.'; return; }
      button.disabled = true;
      send('POST', '/v1/topups', { packId: pack, reason: reason }).then(function (r) {
        if (r.status === 201) { status.textContent = 'Granted.'; location.reload(); }
        else { status.textContent = errorText(r); button.disabled = false; }
      });
    });
  });
  drawUsageChart();
  var alertForm = document.getElementById('alert-form');
  if (alertForm) alertForm.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var f = alertForm.elements;
    var thresholds = f.thresholds.value.split(',').map(function (s) { return s.trim(); })
      .filter(function (s) { return s !== ''; }).map(Number);
    var status = document.getElementById('alert-status');
    // Credits as typed (up to three decimals) to integer millicredits, without floating-point arithmetic.
    var below = f.belowCredits.value.trim();
    var m = /^(\\d+)(?:\\.(\\d{1,3}))?$/.exec(below);
    if (below !== '' && !m) { status.textContent = 'Warn below credits: a number of credits with up to three decimals'; return; }
    var belowMillicredits = below === '' ? null : Number(m[1]) * 1000 + Number((m[2] || '').padEnd(3, '0'));
    var spike = f.spikeFactor.value.trim();
    send('PUT', '/v1/alerts', {
      thresholds: thresholds, belowMillicredits: belowMillicredits, spikeFactor: spike === '' ? null : Number(spike),
      spikeDays: Number(alertForm.getAttribute('data-spike-days')), events: JSON.parse(alertForm.getAttribute('data-events')),
      email: f.email.value || null, webhookUrl: f.webhookUrl.value || null
    }).then(function (r) {
      if (r.status !== 200) { status.textContent = errorText(r); return; }
      // A generated webhook secret is shown once: the admin copies it into the receiver now.
      status.textContent = r.data && r.data.webhookSecret ? 'Saved. Webhook signing secret (shown once): ' + r.data.webhookSecret : 'Saved.';
    });
  });
})();
`;
