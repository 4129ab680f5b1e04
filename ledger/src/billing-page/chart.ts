import type { ChartModel } from './chartData';
import { escapeHtml as e, formatCredits } from './escape';
import { formatDayKey } from './time';

/** One day's usage (the period's days on the model). */
export interface DayUsage {
  day: string;
  millicredits: number;
}

/** Series colours, told apart by people with the common colour-vision deficiencies (Okabe–Ito order). */
export const SERIES_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#8c8c8c'];

/** What the page script hands to Chart.js: day labels, and per workflow its integer millicredits per day. */
export interface ChartData {
  days: string[];
  labels: string[];
  datasets: Array<{ label: string; data: number[]; backgroundColor: string }>;
}

/** The chart's data as Chart.js takes it; amounts stay integer millicredits, the script writes them as credits. */
export function chartData(chart: ChartModel): ChartData {
  return {
    days: chart.days,
    labels: chart.days.map(formatDayKey),
    datasets: chart.series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: SERIES_COLOURS[i % SERIES_COLOURS.length]! })),
  };
}

/** JSON that is safe inside a `<script>` data block: no `</script>`, no line separators that end it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Per day, the total and its workflows: the chart's numbers without script, for screen readers and no-JS browsers. */
function numbersTable(chart: ChartModel): string {
  const rows = chart.days.map((day, i) => {
    const parts = chart.series.filter((s) => s.values[i]! !== 0).map((s) => `${e(s.label)} ${formatCredits(s.values[i]!)}`);
    const total = chart.series.reduce((sum, s) => sum + s.values[i]!, 0);
    return `<tr data-day="${e(day)}" data-millicredits="${total}"><td data-label="Day">${e(formatDayKey(day))}</td><td class="num" data-label="Credits">${formatCredits(total)}</td><td data-label="Workflows">${parts.join(', ')}</td></tr>`;
  });
  return `<details class="chart-numbers"><summary>The numbers</summary><table class="stack"><thead><tr><th>Day</th><th class="num">Credits</th><th>Workflows</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
}

/**
 * The usage chart: a canvas Chart.js draws (stacked bars per workflow, day axis, credits axis, tooltips) from
 * a JSON data block — the CSP forbids inline script, and a data block is not run — plus the same numbers as a
 * table. With no usage in the 30 days it says so instead.
 */
export function renderUsageChart(chart: ChartModel): string {
  if (chart.series.length === 0) return '<p class="empty">No usage in the last 30 days.</p>';
  const first = formatDayKey(chart.days[0]!);
  const last = formatDayKey(chart.days[chart.days.length - 1]!);
  return `<div class="chart-box"><canvas id="usage-chart" role="img" aria-label="Credits per day from ${e(first)} to ${e(last)}, stacked per workflow"></canvas></div>
<script type="application/json" id="usage-chart-data">${scriptJson(chartData(chart))}</script>
${numbersTable(chart)}`;
}
