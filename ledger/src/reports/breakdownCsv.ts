import { stringify } from 'csv-stringify/sync';
import { formatCredits } from '../../../shared-pricing/src/money/formatCredits';
import type { BreakdownDimension, BreakdownRow } from '../store/types';

/**
 * A breakdown as CSV (RFC 4180: CRLF line ends, a field quoted when it holds a comma, a quote or a line break)
 * with a header row, written by csv-stringify. A text field starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading `'` so spreadsheets do not run it as a formula; numbers are written as they are.
 * `credits` is the row's millicredits as an exact decimal with three places and no separators, so spreadsheets
 * read it as one number. Served by `GET /v1/reports?format=csv` and printed by `n8n-credits report --format csv`.
 */
export function breakdownCsv(by: BreakdownDimension, rows: readonly BreakdownRow[]): string {
  return stringify(
    rows.map((r) => ({ key: r.key, label: r.label, millicredits: r.millicredits, credits: r.millicredits, entries: r.entries })),
    {
      header: true,
      columns: [{ key: 'key', header: by }, { key: 'label' }, { key: 'millicredits' }, { key: 'credits' }, { key: 'entries' }],
      record_delimiter: 'windows',
      quote_record_delimiter: true,
      escape_formulas: true,
      cast: { number: (value, context) => (context.column === 'credits' ? formatCredits(value, { fixedDecimals: true }) : String(value)) },
    },
  );
}
