import { resolve } from 'node:path';
import type { LedgerStore } from '../store/types';
import { CloudEventsSink } from './cloudEventsSink';
import { FileSink } from './fileSink';
import type { UsageSink } from './sink';
import { StripeMeterSink } from './stripeMeterSink';

export const EXPORT_TARGETS = ['stripe-meter', 'cloudevents', 'csv', 'jsonl'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/** Where and how to export, as the CLI flags and `serve`'s settings say it. */
export interface ExportSettings {
  to: ExportTarget;
  /** The CloudEvents endpoint URL, or the CSV / JSON Lines file. */
  target: string | null;
  stripeSecretKey?: string | null;
  meterEvent?: string;
  /** Workspace id → Stripe customer id; a workspace not listed uses the customer its Checkout purchases made. */
  customers?: Record<string, string>;
  source?: string;
  headers?: Record<string, string>;
  /** Another Stripe API host (tests). */
  stripeApi?: { host: string; port: number; protocol: 'http' | 'https' };
}

/** Thrown for settings that cannot make a sink; the message says what is missing. */
export class ExportSettingsError extends Error {}

/** The sink the settings describe. */
export function sinkFor(store: LedgerStore, settings: ExportSettings, cwd = process.cwd()): UsageSink {
  switch (settings.to) {
    case 'stripe-meter': {
      if (!settings.stripeSecretKey) throw new ExportSettingsError('stripe-meter needs a Stripe secret key (--stripe-secret-key or N8N_CREDITS_STRIPE_SECRET_KEY)');
      const customers = settings.customers ?? {};
      return new StripeMeterSink({
        secretKey: settings.stripeSecretKey, eventName: settings.meterEvent, api: settings.stripeApi,
        customerOf: async (workspaceId) => customers[workspaceId] ?? (await store.listPurchases(workspaceId, 1000)).find((p) => p.customerId !== null)?.customerId ?? null,
      });
    }
    case 'cloudevents':
      if (!settings.target || !/^https?:\/\//.test(settings.target)) throw new ExportSettingsError('cloudevents needs the receiver\'s http(s):// URL');
      return new CloudEventsSink({ url: settings.target, source: settings.source, headers: settings.headers });
    case 'csv':
    case 'jsonl':
      if (!settings.target) throw new ExportSettingsError(`${settings.to} needs a file to write`);
      return new FileSink(settings.to, resolve(cwd, settings.target));
    default:
      throw new ExportSettingsError(`unknown export target "${String(settings.to)}": one of ${EXPORT_TARGETS.join(', ')}`);
  }
}
