import { EXPORT_TARGETS, type ExportSettings, type ExportTarget } from '../export/sinkFor';

/** Payment and export settings of `serve` (and the `export` command), from flags, then environment variables. */
export interface BillingFlags {
  stripeSecretKey?: string;
  stripeWebhookSecret?: string;
  publicUrl?: string;
  exportTo?: string;
  exportTarget?: string;
  exportInterval?: string | number;
  meterEvent?: string;
  customer?: string[];
}

export interface BillingConfig {
  /** Stripe Checkout for top-ups; null: no provider, "Buy" is an admin grant. */
  stripe: { secretKey: string; webhookSecret: string | null } | null;
  /** The billing page's public URL buyers return to after paying; null: the address the service listens on. */
  publicUrl: string | null;
  /** The background usage export; null: none. */
  export: (ExportSettings & { intervalMs: number }) | null;
}

/** Reports the setting (flag or variable) that cannot be used; `ConfigError` in config.ts wraps it. */
export type Complain = (setting: string, message: string) => never;

/** `ws=cus_…` pairs into a map. */
export function parseCustomers(pairs: readonly string[], complain: Complain): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const match = /^([^=\s]+)=(cus_\S+)$/.exec(pair.trim());
    if (!match) complain('--customer', `expected <workspaceId>=cus_…, got "${pair}"`);
    out[match![1]!] = match![2]!;
  }
  return out;
}

/**
 * Environment: `N8N_CREDITS_STRIPE_SECRET_KEY`, `N8N_CREDITS_STRIPE_WEBHOOK_SECRET`, `N8N_CREDITS_PUBLIC_URL`,
 * `N8N_CREDITS_EXPORT_TO`, `N8N_CREDITS_EXPORT_TARGET`, `N8N_CREDITS_EXPORT_INTERVAL` (ms), `N8N_CREDITS_METER_EVENT`.
 */
export function resolveBillingConfig(flags: BillingFlags, env: Record<string, string | undefined>, complain: Complain): BillingConfig {
  const secretKey = flags.stripeSecretKey ?? env.N8N_CREDITS_STRIPE_SECRET_KEY ?? null;
  const webhookSecret = flags.stripeWebhookSecret ?? env.N8N_CREDITS_STRIPE_WEBHOOK_SECRET ?? null;
  if (secretKey !== null && !/^(sk|rk)_\S+$/.test(secretKey)) complain('--stripe-secret-key', 'expected a Stripe secret key (sk_… or rk_…)');
  if (webhookSecret !== null && !/^whsec_\S+$/.test(webhookSecret)) complain('--stripe-webhook-secret', 'expected a Stripe webhook signing secret (whsec_…)');
  if (webhookSecret !== null && secretKey === null) complain('--stripe-webhook-secret', 'needs --stripe-secret-key too');
  const publicUrl = (flags.publicUrl ?? env.N8N_CREDITS_PUBLIC_URL ?? null)?.replace(/\/+$/, '') ?? null;
  if (publicUrl !== null && !/^https?:\/\/[^/\s]+/.test(publicUrl)) complain('--public-url', 'expected an http(s):// URL');
  const to = flags.exportTo ?? env.N8N_CREDITS_EXPORT_TO ?? null;
  let exportSettings: BillingConfig['export'] = null;
  if (to !== null) {
    if (!EXPORT_TARGETS.includes(to as ExportTarget)) complain('--export-to', `expected one of ${EXPORT_TARGETS.join(', ')}, got "${to}"`);
    const interval = Number(flags.exportInterval ?? env.N8N_CREDITS_EXPORT_INTERVAL ?? 60_000);
    if (!Number.isSafeInteger(interval) || interval < 1000) complain('--export-interval', 'expected a whole number of milliseconds ≥ 1000');
    exportSettings = {
      to: to as ExportTarget, target: flags.exportTarget ?? env.N8N_CREDITS_EXPORT_TARGET ?? null, stripeSecretKey: secretKey,
      meterEvent: flags.meterEvent ?? env.N8N_CREDITS_METER_EVENT, customers: parseCustomers(flags.customer ?? [], complain), intervalMs: interval,
    };
  }
  return { stripe: secretKey === null ? null : { secretKey, webhookSecret }, publicUrl, export: exportSettings };
}
