import { randomBytes } from 'node:crypto';

/** Which of the fixed events are sent (the percentage, credit and spike alerts are switched by their own fields). */
export interface AlertEvents {
  depleted: boolean;
  renewed: boolean;
  dailyLimit: boolean;
  circuitOpen: boolean;
}

/** Alert settings as `GET /v1/alerts` answers them (the webhook secret is never read back). */
export interface AlertSettings {
  /** Percentages of the allocation used up, measured on the total available: 80 fires at 20% of the allocation left. */
  thresholds: number[];
  /** Fires when the total available falls below this many millicredits; null for none. */
  belowMillicredits: number | null;
  /** Fires when a workflow's consumption today exceeds this multiple of its average day; null for none. */
  spikeFactor: number | null;
  /** Days before today whose average is the spike baseline. */
  spikeDays: number;
  events: AlertEvents;
  email: string | null;
  webhookUrl: string | null;
  /** Whether webhooks are signed with a secret (always, once a webhook URL was saved). */
  webhookSecretSet: boolean;
}

export const DEFAULT_EVENTS: AlertEvents = { depleted: true, renewed: true, dailyLimit: true, circuitOpen: true };

export const DEFAULT_ALERTS: AlertSettings = {
  thresholds: [80, 100], belowMillicredits: null, spikeFactor: 3, spikeDays: 7, events: DEFAULT_EVENTS, email: null, webhookUrl: null, webhookSecretSet: false,
};

type Stored = Partial<Omit<AlertSettings, 'events'>> & { events?: Partial<AlertEvents>; webhookSecret?: unknown };

const asObject = (v: unknown): Stored => (v && typeof v === 'object' ? (v as Stored) : {});

/** The stored document merged over the defaults: settings saved before these fields existed keep working. */
export function alertSettingsOf(stored: unknown): AlertSettings {
  const s = asObject(stored);
  const events = asObject(s.events) as Partial<AlertEvents>;
  const flag = (k: keyof AlertEvents) => (typeof events[k] === 'boolean' ? events[k] : DEFAULT_EVENTS[k]);
  return {
    thresholds: Array.isArray(s.thresholds) ? s.thresholds.filter((t): t is number => Number.isInteger(t)) : DEFAULT_ALERTS.thresholds,
    belowMillicredits: Number.isSafeInteger(s.belowMillicredits) ? (s.belowMillicredits as number) : null,
    spikeFactor: s.spikeFactor === null ? null : typeof s.spikeFactor === 'number' && s.spikeFactor >= 1 ? s.spikeFactor : DEFAULT_ALERTS.spikeFactor,
    spikeDays: Number.isInteger(s.spikeDays) && (s.spikeDays as number) >= 1 ? (s.spikeDays as number) : DEFAULT_ALERTS.spikeDays,
    events: { depleted: flag('depleted'), renewed: flag('renewed'), dailyLimit: flag('dailyLimit'), circuitOpen: flag('circuitOpen') },
    email: typeof s.email === 'string' ? s.email : null,
    webhookUrl: typeof s.webhookUrl === 'string' ? s.webhookUrl : null,
    webhookSecretSet: typeof s.webhookSecret === 'string' && s.webhookSecret !== '',
  };
}

/** The secret webhooks are signed with, or null. */
export function webhookSecretOf(stored: unknown): string | null {
  const secret = asObject(stored).webhookSecret;
  return typeof secret === 'string' && secret !== '' ? secret : null;
}

/** A new webhook signing secret: 32 random bytes, base64url, prefixed so it is recognisable in a config file. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
