import type { Command } from '../commander';
import { CliError, type CliContext } from '../io';
import { ledger } from '../ledger';

interface ServeOptions extends LimitOptions {
  host?: string;
  port?: string;
  dataDir?: string;
  database?: string;
  demo?: boolean;
  logLevel?: string;
  bodyLimit?: string;
  smtpUrl?: string;
  smtpFrom?: string;
  publicMetrics?: boolean;
  stripeSecretKey?: string;
  stripeWebhookSecret?: string;
  publicUrl?: string;
  exportTo?: string;
  exportTarget?: string;
  exportInterval?: string;
  meterEvent?: string;
  customer?: string[];
}

/** The limits' flags, spelled as commander names them (the same names as the ledger's `ServiceFlags`). */
interface LimitOptions {
  trustProxy?: string;
  requestTimeout?: string;
  headersTimeout?: string;
  idleTimeout?: string;
  rateLimit?: string;
  meterRateLimit?: string;
  authFailureLimit?: string;
  analysisMaxNodes?: string;
  analysisMaxConnections?: string;
  analysisBodyLimit?: string;
  analysisTimeout?: string;
  analysisWorkers?: string;
}

/** `n8n-credits serve`: the ledger service and its billing page; runs until SIGTERM or SIGINT. */
export function register(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('Run the credit ledger: HTTP API on /v1 and the billing page on /. SQLite in a local folder unless a PostgreSQL URL is given.')
    .option('--host <host>', 'address to bind (env N8N_CREDITS_HOST)', undefined)
    .option('--port <port>', 'port (env N8N_CREDITS_PORT; default 5680)')
    .option('--data-dir <dir>', 'SQLite data folder (env N8N_CREDITS_DATA_DIR; default ./.n8n-credits-data)')
    .option('--database <url>', 'PostgreSQL URL postgres://… (env N8N_CREDITS_DATABASE_URL)')
    .option('--demo', 'on first start, fill the workspace with usage priced from the example workflows')
    .option('--log-level <level>', 'silent, error, warn, info or debug', 'warn')
    .option('--body-limit <bytes>', 'largest request body accepted, in bytes (env N8N_CREDITS_BODY_LIMIT; default 4194304)')
    .option('--smtp-url <url>', 'SMTP server alert e-mails go through, smtp://host:port (env N8N_CREDITS_SMTP_URL)')
    .option('--smtp-from <address>', 'From address of alert e-mails (env N8N_CREDITS_SMTP_FROM)')
    .option('--public-metrics', 'serve /metrics without an API key, for a Prometheus scraper (env N8N_CREDITS_PUBLIC_METRICS=true)')
    .option('--stripe-secret-key <key>', 'sell top-up packs through Stripe Checkout (env N8N_CREDITS_STRIPE_SECRET_KEY)')
    .option('--stripe-webhook-secret <whsec>', 'signing secret of the Stripe webhook at /v1/payments/stripe/webhook (env N8N_CREDITS_STRIPE_WEBHOOK_SECRET)')
    .option('--public-url <url>', 'the billing page\'s public URL, where buyers return after paying (env N8N_CREDITS_PUBLIC_URL)')
    .option('--export-to <target>', 'export usage in the background: stripe-meter, cloudevents, csv or jsonl (env N8N_CREDITS_EXPORT_TO)')
    .option('--export-target <file|url>', 'the export\'s file or receiver URL (env N8N_CREDITS_EXPORT_TARGET)')
    .option('--export-interval <ms>', 'how often the background export runs (env N8N_CREDITS_EXPORT_INTERVAL; default 60000)')
    .option('--meter-event <name>', 'the Stripe meter\'s event name (default n8n_credits)')
    .option('--customer <workspace=cus_id>', 'the Stripe customer of a workspace, for stripe-meter (repeatable)', (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--trust-proxy <proxies>', 'believe X-Forwarded-For/-Proto from these proxies: true, or addresses/CIDRs such as loopback,10.0.0.0/8 (env N8N_CREDITS_TRUST_PROXY; default none)')
    .option('--request-timeout <ms>', 'longest time to receive a whole request, body included; 0 for none (default 60000)')
    .option('--headers-timeout <ms>', 'longest time to receive a request\'s headers (default 10000)')
    .option('--idle-timeout <ms>', 'close a connection silent this long; 0 for never (default 120000)')
    .option('--rate-limit <n>', 'requests per minute per admin or member key; 0 for none (default 6000)')
    .option('--meter-rate-limit <n>', 'requests per minute per meter key; 0 for none (default 0: the hook and nodes are not limited)')
    .option('--auth-failure-limit <n>', 'failed authentications per minute per client address before 429; 0 for none (default 30)')
    .option('--analysis-max-nodes <n>', 'most nodes of a workflow sent to /v1/estimates or /v1/admission (default 1000, at most 5000)')
    .option('--analysis-max-connections <n>', 'most connections of such a workflow (default 5000)')
    .option('--analysis-body-limit <bytes>', 'largest body of those routes (default 2097152)')
    .option('--analysis-timeout <ms>', 'longest one workflow analysis may run (default 3000)')
    .option('--analysis-workers <n>', 'worker threads for workflow analysis; 0 runs it on the event loop (default 1)')
    .action(async (options: ServeOptions) => {
      const { io } = context;
      const { ConfigError, describeListenFailure, describeOpenFailure, resolveConfig, startService, stopOnSignals } = ledger();
      let config;
      try {
        config = resolveConfig(options, process.env, io.cwd);
      } catch (err) {
        if (err instanceof ConfigError) throw new CliError(err.message);
        throw err;
      }
      let service;
      try {
        service = await startService(config, { log: (line) => io.stderr(line + '\n') });
      } catch (err) {
        // A busy port, or a read-only, full or unreachable store, is the user's to fix: one line, no stack trace.
        const reason = describeListenFailure(err) ?? describeOpenFailure(err, config);
        if (reason) throw new CliError(reason);
        throw err;
      }
      io.stdout(`n8n Credits ledger on ${service.url} (workspace "${service.workspaceId}")\n`);
      if (service.demo) io.stdout(`demo: ${service.demo.executions} executions priced, ${service.demo.charges} charges recorded\n`);
      if (service.adminKey) {
        io.stdout(`\nAdmin key (shown once; it is stored only as a hash, so keep it now):\n\n  ${service.adminKey}\n\n`);
        io.stdout(`Try:  curl -H "Authorization: Bearer ${service.adminKey}" ${service.url}/v1/balance\n`);
        io.stdout(`Billing page: ${service.url}/ (sign in with the key)\n`);
      } else {
        // Keys are printed once, at the first start: say how to get another rather than leave the user stuck.
        const where = config.databaseUrl ? '--database <the same URL>' : `--data-dir ${config.dataDir}`;
        io.stdout(`Billing page: ${service.url}/ (sign in with an API key; a new admin key: n8n-credits keys create --role admin ${where})\n`);
      }
      await new Promise<void>((resolve, reject) => {
        stopOnSignals(service, (signal, error) => {
          if (error) reject(error instanceof Error ? error : new Error(String(error)));
          else {
            io.stderr(`${signal}: stopped after finishing requests in flight; database closed\n`);
            resolve();
          }
        });
      });
    });
}
