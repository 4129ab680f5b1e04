import { resolveConfig, type ServiceFlags } from '../service/config';
import { openStore } from '../service/openStore';
import { exportUsage, type ExportSummary } from './exportUsage';
import { sinkFor, type ExportSettings } from './sinkFor';

/** An API base URL (`http://127.0.0.1:12111`) as the Stripe SDK's host settings. */
export function stripeApiOf(base: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = new URL(base);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: Number(url.port || (protocol === 'http' ? 80 : 443)), protocol };
}

/** `n8n-credits export`: opens the ledger the flags name, exports once from the sink's cursor, closes it. */
export async function runExport(flags: Pick<ServiceFlags, 'dataDir' | 'database'>, settings: ExportSettings, options: { batchSize?: number; cwd: string; env: Record<string, string | undefined> }): Promise<ExportSummary> {
  const config = resolveConfig({ dataDir: flags.dataDir, database: flags.database }, options.env, options.cwd);
  const store = await openStore(config);
  try {
    // PostgreSQL writers commit out of id order: entries younger than 5 s wait for the next run.
    return await exportUsage(store, sinkFor(store, settings, options.cwd), { batchSize: options.batchSize, lagMs: config.databaseUrl ? 5000 : 0 });
  } finally {
    await store.close();
  }
}
