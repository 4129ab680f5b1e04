import type { FastifyInstance } from 'fastify';
import { AlertService, type AlertServiceOptions } from '../alerts/alertService';
import { BackgroundExporter } from '../export/backgroundExporter';
import { sinkFor } from '../export/sinkFor';
import { buildApp } from '../http/app';
import { Resumer, type ResumerOptions } from '../resume/resumer';
import type { AppContext } from '../http/context';
import { StripePaymentProvider } from '../payments/stripeProvider';
import type { LedgerStore } from '../store/types';
import { bootstrap } from './bootstrap';
import { redactUrl, type ServiceConfig } from './config';
import { openStore } from './openStore';
import { seedDemo, type DemoSummary } from './seedDemo';

export interface RunningService {
  app: FastifyInstance;
  ctx: AppContext;
  store: LedgerStore;
  alerts: AlertService;
  resumer: Resumer;
  /** `http://host:port` it listens on. */
  url: string;
  workspaceId: string;
  /** The first admin key: only on the start that created the workspace. */
  adminKey: string | null;
  demo: DemoSummary | null;
  /** Stops taking requests, finishes the ones in flight, closes the database. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Where progress lines go (never the key, which the caller prints). */
  log?: (line: string) => void;
  store?: LedgerStore;
  now?: () => number;
  /** How often held reservations past their expiry are released (ms); default 30 s. */
  sweepMs?: number;
  /** Alert timers and delivery timings (tests shrink them); the SMTP server comes from the config. */
  alerts?: Omit<AlertServiceOptions, 'now' | 'smtpUrl' | 'smtpFrom' | 'log'>;
  /** Timings of the resumer of parked executions (tests shrink them). */
  resumer?: Omit<ResumerOptions, 'now' | 'log'>;
}

/** Starts `n8n-credits serve`: opens the store, listens, then bootstraps the first workspace and seeds the demo if asked. */
export async function startService(config: ServiceConfig, options: StartOptions = {}): Promise<RunningService> {
  const log = options.log ?? (() => undefined);
  const store = options.store ?? (await openStore(config));
  log(config.databaseUrl ? `ledger: PostgreSQL ${redactUrl(config.databaseUrl)}` : `ledger: SQLite in ${config.dataDir}`);
  let app: FastifyInstance | null = null;
  try {
    const alerts = new AlertService(store, {
      ...options.alerts, now: options.now, smtpUrl: config.smtpUrl, smtpFrom: config.smtpFrom,
      log: (message, err) => app?.log.warn({ err }, message),
    });
    const resumer = new Resumer(store, { ...options.resumer, now: options.now, log: (message, err) => app?.log.warn({ err }, message) });
    const billing = config.billing;
    const payments = billing?.stripe ? { provider: new StripePaymentProvider(billing.stripe), returnUrl: billing.publicUrl ?? '' } : null;
    const built = await buildApp({
      store,
      alerts,
      resumer,
      payments,
      bodyLimit: config.bodyLimit,
      publicMetrics: config.publicMetrics,
      trustProxy: config.http.trustProxy,
      timeouts: config.http.timeouts,
      rateLimits: config.http.rateLimits,
      analysis: config.http.analysis,
      logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    });
    app = built.app;
    built.ctx.analyzer.warm();
    const address = await app.listen({ host: config.host, port: config.port });
    const url = address.replace('[::1]', 'localhost');
    // Buyers come back to the public URL, else to the address the service listens on.
    if (payments && !payments.returnUrl) payments.returnUrl = url;
    // Only once the port is ours: a first start that cannot listen must not create an admin key it never prints.
    const { workspace, adminKey } = await bootstrap(store);
    let demo: DemoSummary | null = null;
    if (config.demo && adminKey) demo = await seedDemo(store, workspace, (options.now ?? Date.now)());
    // Held reservations past their expiry give their credits back; a failed sweep is retried next time.
    const sweep = setInterval(() => {
      store.expireReservations().catch((err: unknown) => built.app.log.warn({ err }, 'reservation sweep failed'));
    }, options.sweepMs ?? 30_000);
    sweep.unref();
    alerts.start();
    resumer.start();
    const exportSettings = billing?.export;
    const exporter = exportSettings
      ? new BackgroundExporter(store, () => sinkFor(store, exportSettings), exportSettings.intervalMs, (message, err) => built.app.log.warn({ err }, message),
        // PostgreSQL writers commit out of id order: entries younger than 5 s wait for the next run.
        config.databaseUrl ? 5000 : 0)
      : null;
    exporter?.start();
    let stopping: Promise<void> | null = null;
    const running: RunningService = {
      app, ctx: built.ctx, store, alerts, resumer, url, workspaceId: workspace.id, adminKey, demo,
      stop: () => {
        stopping ??= (async () => {
          built.ctx.draining.value = true;
          clearInterval(sweep);
          await built.app.close();
          await exporter?.stop();
          // Deliveries in flight end within their timeout; what is left stays queued for the next start.
          await alerts.stop();
          await resumer.stop();
          await store.close();
        })();
        return stopping;
      },
    };
    return running;
  } catch (err) {
    if (app) await app.close().catch(() => undefined);
    if (!options.store) await store.close().catch(() => undefined);
    throw err;
  }
}

/** Stops the service on SIGTERM or SIGINT (once); returns a function that removes the handlers. */
export function stopOnSignals(service: RunningService, onStopped: (signal: string, error?: unknown) => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    remove();
    service.stop().then(() => onStopped(signal), (err) => onStopped(signal, err));
  };
  const remove = () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
  return remove;
}
