import { resolve } from 'node:path';
import type { Command } from '../commander';
import { jsonLine } from '../format/jsonDocument';
import { CliError, type CliContext } from '../io';
import { ledger as ledgerApi, type SyncSummary } from '../ledger';
import { addFormatOption } from './options';

interface SyncFlags {
  n8nUrl?: string;
  n8nApiKey?: string;
  ledgerUrl?: string;
  ledgerKey?: string;
  workspace?: string;
  checkpoint: string;
  pageSize: string;
  watch?: boolean;
  interval: string;
  format: string;
}

function positiveInt(flag: string, text: string, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) throw new CliError(`${flag} must be a whole number from 1 to ${max}, got "${text}"`);
  return Number(text);
}

/** One pass's summary; JSON is one line per pass (JSON Lines), so `--watch` output can be read as it comes. */
function summaryLine(s: SyncSummary, format: string): string {
  if (format === 'json') {
    return jsonLine({ executionsRead: s.seen, executionsMetered: s.metered, entriesRecorded: s.recorded, executionsRefused: s.refused, executionsPending: s.pending });
  }
  return `sync: ${s.seen} executions read, ${s.metered} metered, ${s.recorded} new ledger entries, ${s.refused} refused, ${s.pending} still running or waiting\n`;
}

/**
 * `n8n-credits sync --n8n-url … --n8n-api-key …`: meters finished executions read from n8n's public API (for n8n
 * Cloud, where the hook cannot be loaded). Idempotent, with a resumable checkpoint; `--watch` keeps going.
 */
export function register(program: Command, context: CliContext): void {
  const command = program
    .command('sync')
    .description('Meter finished executions read from n8n\'s public API (where the hook cannot be loaded); resumable, idempotent');
  addFormatOption(command, ['text', 'json'])
    .option('--n8n-url <url>', 'n8n base URL, e.g. https://you.app.n8n.cloud (env N8N_URL)')
    .option('--n8n-api-key <key>', 'n8n API key (Settings → n8n API; env N8N_API_KEY)')
    .option('--ledger-url <url>', 'ledger URL (env N8N_CREDITS_URL)')
    .option('--ledger-key <key>', 'ledger API key with the meter role (env N8N_CREDITS_API_KEY)')
    .option('--workspace <id>', 'workspace, for an instance-wide key (env N8N_CREDITS_WORKSPACE)')
    .option('--checkpoint <file>', 'where progress is kept', '.n8n-credits-sync.json')
    .option('--page-size <n>', 'executions per page (1–250)', '50')
    .option('--watch', 'keep syncing every --interval seconds until stopped')
    .option('--interval <seconds>', 'pause between passes with --watch', '30')
    .action(async (o: SyncFlags) => {
      const env = process.env;
      const { CheckpointError, LedgerClient, N8nApiClient, N8nApiError, SyncError, syncExecutions, watchPasses } = ledgerApi();
      const n8nUrl = (o.n8nUrl ?? env.N8N_URL)?.replace(/\/+$/, '');
      const n8nKey = o.n8nApiKey ?? env.N8N_API_KEY;
      const ledgerUrl = (o.ledgerUrl ?? env.N8N_CREDITS_URL)?.replace(/\/+$/, '');
      const ledgerKey = o.ledgerKey ?? env.N8N_CREDITS_API_KEY;
      const missing = [[n8nUrl, '--n8n-url'], [n8nKey, '--n8n-api-key'], [ledgerUrl, '--ledger-url'], [ledgerKey, '--ledger-key']].filter(([v]) => !v).map(([, f]) => f);
      if (missing.length > 0) throw new CliError(`give ${missing.join(', ')}`);
      for (const [flag, value] of [['--n8n-url', n8nUrl], ['--ledger-url', ledgerUrl]] as const) {
        if (!/^https?:\/\/[^/]/.test(value!)) throw new CliError(`${flag} must be an http(s) URL, got "${value}"`);
      }
      const pageSize = positiveInt('--page-size', o.pageSize, 250);
      const interval = positiveInt('--interval', o.interval, 86400);
      const n8n = new N8nApiClient(n8nUrl!, n8nKey!);
      const ledger = new LedgerClient({ url: ledgerUrl!, apiKey: ledgerKey!, workspace: o.workspace ?? env.N8N_CREDITS_WORKSPACE ?? null, sendTimeoutMs: 30000, gateTimeoutMs: 5000 });
      const verified = await ledger.verify();
      if (verified.status !== 'ok') throw new CliError(verified.reason);
      const checkpointPath = resolve(context.io.cwd, o.checkpoint);
      const pass = async (): Promise<SyncSummary> => {
        try {
          return await syncExecutions({ n8n, send: (body) => ledger.sendExecution(body), checkpointPath, n8nUrl: n8nUrl!, pageSize, log: (l) => context.io.stderr(`sync: ${l}\n`) });
        } catch (err) {
          if (err instanceof N8nApiError || err instanceof SyncError || err instanceof CheckpointError) throw new CliError(err.message);
          throw err;
        }
      };
      if (!o.watch) {
        context.io.stdout(summaryLine(await pass(), o.format));
        return;
      }
      const stop = new AbortController();
      const onSignal = (): void => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await watchPasses({
          pass, intervalMs: interval * 1000, signal: stop.signal,
          onPass: (s) => context.io.stdout(summaryLine(s, o.format)),
          onError: (err) => {
            // A failed pass is reported and retried at the next interval; other errors are bugs and end the command.
            if (!(err instanceof CliError)) throw err;
            context.io.stderr(`n8n-credits sync: ${err.message}\n`);
          },
        });
      } finally {
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
      }
    });
}
