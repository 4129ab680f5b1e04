import type { AccountState } from './accountState';
import type { DayUsage } from './chart';
import type { ChartModel } from './chartData';

/** The usage card, in millicredits (the same numbers `GET /v1/balance` answers). */
export interface CardModel {
  allocation: number;
  consumed: number;
  remaining: number;
  rollover: number;
  topUp: number;
  totalAvailable: number;
  dailyRemaining: number | null;
  overdraft: number;
  periodStart: string;
  resetAt: string;
  exhaustion: string;
}

export interface BreakdownRow {
  key: string;
  label: string;
  millicredits: number;
  entries: number;
}

export interface ExecutionRow {
  executionId: string;
  workflowName: string;
  millicredits: number;
  entries: number;
  at: string;
}

export interface EntryRow {
  nodeName: string;
  nodeType: string;
  runIndex: number;
  kind: string;
  millicredits: number;
  status: string;
  model: string | null;
  tokens: string | null;
  at: string;
}

export interface PackModel {
  id: string;
  millicredits: number;
  price: number;
  currency: string;
}

/** One line of the purchase history. */
export interface PurchaseRow {
  at: string;
  packId: string;
  millicredits: number;
  amount: number;
  currency: string;
  boughtBy: string;
  status: string;
  sessionId: string;
  paymentId: string | null;
}

export interface AlertModel {
  thresholds: number[];
  belowMillicredits: number | null;
  spikeFactor: number | null;
  spikeDays: number;
  events: { depleted: boolean; renewed: boolean; dailyLimit: boolean; circuitOpen: boolean };
  email: string | null;
  /** Masked (`https://host/••••abcd`): the path and query of a webhook URL often carry the receiver's token. */
  webhookUrl: string | null;
}

/** One line of the alert delivery log. */
export interface DeliveryRow {
  event: string;
  channel: string;
  /** An e-mail address, or a webhook URL masked. */
  target: string;
  status: string;
  attempts: number;
  lastError: string | null;
  at: string;
}

/**
 * Everything the signed-in page shows; built by the service from the store, rendered by `renderPage`. A section the
 * viewer's role may not read (access.ts's PAGE_ACCESS) is null, and the page leaves it out.
 */
export interface PageModel {
  workspaceName: string;
  role: string;
  keyName: string;
  csrf: string;
  /** For a member key: the member whose own usage the chart and breakdowns show (the card is the pool's). */
  memberScope: string | null;
  card: CardModel | null;
  daily: DayUsage[] | null;
  byWorkflow: BreakdownRow[] | null;
  byNodeType: BreakdownRow[] | null;
  plan: { name: string; description: string; cycle: string; allocation: number; dailyLimit: number | null; rolloverCap: number; exhaustion: string } | null;
  /** Packs, for admins only; null hides the section. */
  packs: PackModel[] | null;
  /** True when a payment provider is configured: packs are bought; otherwise an admin grants them by hand. */
  checkout?: boolean;
  /** Packs bought through the provider, newest first (null hides the section). */
  purchases?: PurchaseRow[] | null;
  alerts: AlertModel | null;
  /** The latest alert deliveries, newest first. */
  deliveries: DeliveryRow[] | null;
  /** A drill-down: the executions of a workflow or node type, or the entries of one execution. */
  drill:
    | { kind: 'executions'; title: string; rows: ExecutionRow[] }
    | { kind: 'entries'; title: string; executionId: string; workflowName?: string | null; rows: EntryRow[] }
    | null;
  /** The workspace's IANA zone: the page shows every time and day in it. */
  timeZone: string;
  /** The last 30 local days' usage, stacked per workflow; null for a viewer who may not see usage. */
  chart: ChartModel | null;
  /** Paused and debt, for the banner. */
  account: AccountState;
  /** The price book's class of each node type on the page (`http`, `ai-llm`, …): it picks the node's icon. */
  nodeClasses: Record<string, string>;
}
