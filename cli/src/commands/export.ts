import type { Command } from '../commander';
import { jsonDocument } from '../format/jsonDocument';
import { CliError, type CliContext } from '../io';
import { ledger, type AdminFlags, type ExportSummary } from '../ledger';
import { addFormatOption, parseCountArg } from './options';
import { ledgerOptions } from './keys';

interface ExportFlags extends AdminFlags {
  to: string;
  out?: string;
  stripeSecretKey?: string;
  stripeApi?: string;
  meterEvent?: string;
  customer: string[];
  source?: string;
  header: string[];
  batchSize?: number;
  format: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The run's counts as JSON; `error` is null when everything was acknowledged, else why it stopped (exit 2). */
function summaryJson(s: ExportSummary, error: string | null): string {
  return jsonDocument({ target: s.sink, entries: s.entries, sent: s.sent, acknowledged: s.acknowledged, cursorEntryId: s.cursor, error });
}

/**
 * `n8n-credits export --to stripe-meter|cloudevents|csv|jsonl`: sends the usage recorded since the last export
 * of the same target (a cursor in the ledger), so running it again sends only what is new.
 */
export function register(program: Command, context: CliContext): void {
  addFormatOption(ledgerOptions(program.command('export').description('Export usage (and its reversals) to Stripe Billing meters, a CloudEvents endpoint, or a CSV / JSON Lines file; resumes where the last export of the same target stopped')), ['text', 'json'])
    .requiredOption('--to <target>', 'stripe-meter, cloudevents, csv or jsonl')
    .option('--out <file|url>', 'the file (csv, jsonl) or the receiver URL (cloudevents)')
    .option('--stripe-secret-key <key>', 'Stripe secret key (env N8N_CREDITS_STRIPE_SECRET_KEY)')
    .option('--stripe-api <url>', 'another Stripe API base URL (stripe-mock, a test receiver)')
    .option('--meter-event <name>', 'the Stripe meter\'s event name (default n8n_credits)')
    .option('--customer <workspace=cus_id>', 'the Stripe customer of a workspace (repeatable; default: the customer its Checkout purchases made)', collect, [])
    .option('--source <uri>', 'the CloudEvents source of the ledger (default urn:n8n-credits:ledger)')
    .option('--header <name:value>', 'a request header for the CloudEvents receiver (repeatable)', collect, [])
    .option('--batch-size <n>', 'entries per batch (default 500)', parseCountArg)
    .action(async (o: ExportFlags) => {
      const api = ledger();
      if (!api.EXPORT_TARGETS.includes(o.to as never)) throw new CliError(`--to must be one of ${api.EXPORT_TARGETS.join(', ')}, got "${o.to}"`);
      const headers: Record<string, string> = {};
      for (const h of o.header) {
        const at = h.indexOf(':');
        if (at < 1) throw new CliError(`--header expects name:value, got "${h}"`);
        headers[h.slice(0, at).trim().toLowerCase()] = h.slice(at + 1).trim();
      }
      const fail = (setting: string, message: string): never => {
        throw new CliError(`${setting}: ${message}`);
      };
      try {
        const summary = await api.runExport(o, {
          to: o.to as never, target: o.out ?? null, stripeSecretKey: o.stripeSecretKey ?? process.env.N8N_CREDITS_STRIPE_SECRET_KEY ?? null,
          stripeApi: o.stripeApi ? api.stripeApiOf(o.stripeApi) : undefined, meterEvent: o.meterEvent, customers: api.parseCustomers(o.customer, fail), source: o.source, headers,
        }, { batchSize: o.batchSize, cwd: context.io.cwd, env: process.env });
        context.io.stdout(o.format === 'json' ? summaryJson(summary, null) : `${summary.sink}: ${summary.entries} entries, ${summary.sent} sent, ${summary.acknowledged} acknowledged (cursor at entry ${summary.cursor})\n`);
      } catch (err) {
        if (err instanceof api.ExportError) {
          const s = err.summary;
          // A script reading JSON still learns how far the export got; the reason goes to standard error as usual.
          if (o.format === 'json') context.io.stdout(summaryJson(s, err.message));
          throw new CliError(`${err.message} (${s.entries} entries, ${s.sent} sent, ${s.acknowledged} acknowledged; cursor at entry ${s.cursor}: run again to continue)`);
        }
        if (err instanceof api.ExportSettingsError || api.isUsageError(err)) throw new CliError((err as Error).message);
        throw err;
      }
    });
}
