import { escapeHtml as e, formatCredits } from './escape';
import { nodeTypeHtml } from './icons';
import type { BreakdownRow, ExecutionRow, PageModel } from './model';
import { formatTime, timeHtml } from './time';

/**
 * A table that stacks into one card per row on a phone: each cell carries its column's name in
 * `data-label`, which the stylesheet shows beside the value when the header row is hidden.
 */
export function stackTable(headers: Array<{ label: string; num?: boolean }>, rows: string[][], rowClasses: string[] = []): string {
  const head = headers.map((h) => `<th${h.num ? ' class="num"' : ''}>${e(h.label)}</th>`).join('');
  const body = rows.map((cells, r) => {
    const cls = rowClasses[r] ? ` class="${e(rowClasses[r])}"` : '';
    return `<tr${cls}>${cells.map((c, i) => `<td${headers[i]?.num ? ' class="num"' : ''} data-label="${e(headers[i]?.label ?? '')}">${c}</td>`).join('')}</tr>`;
  });
  return `<table class="stack"><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/** An execution as people name it: its workflow and when it ran, in the workspace's zone. */
export function executionLabel(workflowName: string | null | undefined, at: string, timeZone: string): string {
  return `${workflowName || 'Unnamed workflow'} · ${formatTime(at, timeZone)}`;
}

/** The breakdown by workflow: each name links to its executions. */
export function renderByWorkflow(rows: BreakdownRow[] | null): string {
  if (!rows) return '';
  const section = (inner: string) => `<section class="card" id="by-workflow"><h2>By workflow</h2>${inner}</section>`;
  if (rows.length === 0) return section('<p class="empty">Nothing yet.</p>');
  return section(stackTable([{ label: 'Workflow' }, { label: 'Credits', num: true }, { label: 'Entries', num: true }],
    rows.map((r) => [`<a href="/?workflow=${encodeURIComponent(r.key)}">${e(r.label)}</a>`, formatCredits(r.millicredits), String(r.entries)])));
}

/** The breakdown by node type: icon and display name (the type id in the tooltip), linking to its executions. */
export function renderByNodeType(rows: BreakdownRow[] | null, classes: Record<string, string>): string {
  if (!rows) return '';
  const section = (inner: string) => `<section class="card" id="by-node-type"><h2>By node type</h2>${inner}</section>`;
  if (rows.length === 0) return section('<p class="empty">Nothing yet.</p>');
  return section(stackTable([{ label: 'Node type' }, { label: 'Credits', num: true }, { label: 'Entries', num: true }],
    rows.map((r) => [`<a href="/?nodeType=${encodeURIComponent(r.key)}">${nodeTypeHtml(r.key, classes)}</a>`, formatCredits(r.millicredits), String(r.entries)])));
}

function executionRows(rows: ExecutionRow[], timeZone: string): string[][] {
  return rows.map((r) => [
    `<a href="/?execution=${encodeURIComponent(r.executionId)}" title="Execution ${e(r.executionId)}">${e(executionLabel(r.workflowName, r.at, timeZone))}</a>`,
    formatCredits(r.millicredits), String(r.entries),
  ]);
}

/** A drill-down: a workflow's or node type's executions, or one execution's entries. */
export function renderDrill(model: PageModel): string {
  const drill = model.drill;
  if (!drill) return '';
  const tz = model.timeZone;
  if (drill.kind === 'executions') {
    const table = stackTable([{ label: 'Execution' }, { label: 'Credits', num: true }, { label: 'Entries', num: true }], executionRows(drill.rows, tz));
    return `<section class="card" id="drill"><h2>${e(drill.title)}</h2><p><a href="/">Back</a></p>${table}</section>`;
  }
  const started = drill.rows.reduce((min, r) => (min === '' || r.at < min ? r.at : min), '');
  const title = started ? executionLabel(drill.workflowName, started, tz) : drill.title;
  const table = stackTable(
    [{ label: 'Node' }, { label: 'Type' }, { label: 'Run', num: true }, { label: 'Kind' }, { label: 'Model' }, { label: 'Tokens' }, { label: 'Status' }, { label: 'When' }, { label: 'Credits', num: true }],
    drill.rows.map((r) => [e(r.nodeName), nodeTypeHtml(r.nodeType, model.nodeClasses), String(r.runIndex), e(r.kind), e(r.model ?? ''), e(r.tokens ?? ''), e(r.status), timeHtml(r.at, tz), formatCredits(r.millicredits)]),
  );
  return `<section class="card" id="drill"><h2>${e(title)}</h2><p class="muted">Execution <code>${e(drill.executionId)}</code> · <a href="/">Back</a></p>${table}</section>`;
}

/** The alert delivery log, newest first; a failed or pending delivery is shown in red. */
export function renderDeliveries(model: PageModel): string {
  if (!model.deliveries) return '';
  if (model.deliveries.length === 0) return '<section class="card" id="alert-deliveries"><h2>Alert deliveries</h2><p class="empty">Nothing sent yet.</p></section>';
  const table = stackTable(
    [{ label: 'When' }, { label: 'Event' }, { label: 'Channel' }, { label: 'To' }, { label: 'Status' }, { label: 'Attempts', num: true }, { label: 'Last error' }],
    model.deliveries.map((d) => [timeHtml(d.at, model.timeZone), e(d.event), e(d.channel), e(d.target), e(d.status), String(d.attempts), e(d.lastError ?? '')]),
    model.deliveries.map((d) => d.status),
  );
  return `<section class="card" id="alert-deliveries"><h2>Alert deliveries</h2>${table}</section>`;
}
