import type { Command } from '../commander';
import { CliError, type CliContext } from '../io';
import { ledger, type AdminFlags, type BreakdownDimension } from '../ledger';
import { jsonDocument } from '../format/jsonDocument';
import { formatCredits } from '../pricing';
import { adminAction, ledgerOptions } from './keys';
import { addFormatOption } from './options';

const DIMENSIONS: BreakdownDimension[] = ['workflow', 'nodeType', 'member', 'day'];

/** `n8n-credits report`: usage grouped by workflow, node type, member or day as a table, JSON or CSV. */
export function register(program: Command, context: CliContext): void {
  // `table` is the name `text` had before every command took the same --format; it still works.
  addFormatOption(ledgerOptions(program.command('report').description('Usage of the current period (or --from/--to) grouped by a dimension')), ['text', 'json', 'csv', 'table'])
    .option('--by <dimension>', 'workflow, nodeType, member or day', 'workflow')
    .option('--from <iso>', 'inclusive start (ISO time)')
    .option('--to <iso>', 'exclusive end (ISO time)')
    .action(async (o: AdminFlags & { by: string; from?: string; to?: string; format: string }) => {
      if (!DIMENSIONS.includes(o.by as BreakdownDimension)) throw new CliError(`--by must be one of ${DIMENSIONS.join(', ')}, got "${o.by}"`);
      for (const [flag, value] of [['--from', o.from], ['--to', o.to]] as const) {
        if (value !== undefined && Number.isNaN(Date.parse(value))) throw new CliError(`${flag} is not an ISO time: "${value}"`);
      }
      const by = o.by as BreakdownDimension;
      await adminAction(context, o, async (store, ws) => {
        const rows = await store.breakdown({ workspaceId: ws.id, by, from: o.from, to: o.to });
        if (o.format === 'json') return context.io.stdout(jsonDocument({ workspaceId: ws.id, by, rows }));
        if (o.format === 'csv') return context.io.stdout(ledger().breakdownCsv(by, rows));
        const table = rows.map((r) => [r.label ?? (r.key || '(none)'), formatCredits(r.millicredits, { grouping: true }), String(r.entries)]);
        const head = [by, 'credits', 'entries'];
        const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
        const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd() + '\n';
        context.io.stdout(line(head));
        for (const row of table) context.io.stdout(line(row));
        const total = rows.reduce((s, r) => s + r.millicredits, 0);
        context.io.stdout(line(['total', formatCredits(total, { grouping: true }), String(rows.reduce((s, r) => s + r.entries, 0))]));
      });
    });
}
