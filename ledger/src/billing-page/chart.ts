import { escapeHtml, formatCredits } from './escape';

/** One bar of the daily usage chart. */
export interface DayUsage {
  day: string;
  millicredits: number;
}

/** An inline SVG bar chart of daily usage; each bar carries a `<title>` with the day and the credits. */
export function renderDailyChart(days: DayUsage[], width = 640, height = 160): string {
  if (days.length === 0) return '<p class="empty">No usage in this period yet.</p>';
  const max = Math.max(1, ...days.map((d) => d.millicredits));
  const gap = 2;
  const barWidth = Math.max(2, Math.floor((width - gap * days.length) / days.length));
  const plot = height - 20;
  const bars = days.map((d, i) => {
    const h = Math.round((Math.max(0, d.millicredits) / max) * plot);
    const x = i * (barWidth + gap);
    return `<rect class="bar" x="${x}" y="${plot - h}" width="${barWidth}" height="${h}" data-day="${escapeHtml(d.day)}" data-millicredits="${d.millicredits}"><title>${escapeHtml(d.day)}: ${formatCredits(d.millicredits)} credits</title></rect>`;
  });
  const first = escapeHtml(days[0]!.day);
  const last = escapeHtml(days[days.length - 1]!.day);
  return `<svg class="chart" role="img" aria-label="Daily usage" viewBox="0 0 ${width} ${height}" width="100%" height="${height}">${bars.join('')}<text x="0" y="${height - 4}">${first}</text><text x="${width}" y="${height - 4}" text-anchor="end">${last}</text></svg>`;
}
