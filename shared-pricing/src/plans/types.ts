/** A plan: the policies of one workspace's subscription, as data. Amounts are millicredits. */

export type BillingCycle = 'monthly' | 'yearly';

/** What happens when a workspace has no credits left. */
export type ExhaustionPolicy =
  /**
   * New work waits until credits renew or arrive (Monkedo, Spojit); an execution already running is charged in
   * full, past zero as debt, so nothing runs free.
   */
  | 'pause'
  /** Work is refused with an error. */
  | 'stop'
  /** Work goes on and the balance goes negative; the overdraft is reported (Amplience). */
  | 'overdraft';

/** Which figure of a workflow's estimate admission compares with the balance. */
export type AdmissionEstimate = 'expected' | 'max';

export interface TopUpPack {
  id: string;
  /** Millicredits the pack adds. */
  millicredits: number;
  /** Price in the smallest unit of `currency` (cents), an integer. */
  price: number;
  currency: string;
}

/** How long top-up credits last: until the plan ends, until the period ends, or a number of days. */
export type TopUpLifetime = { kind: 'plan' } | { kind: 'period' } | { kind: 'days'; days: number };

export interface Plan {
  version: 1;
  name: string;
  description?: string;
  /** Name of the price book this plan's workspaces are priced with (a preset name). */
  priceBook: string;
  cycle: BillingCycle;
  /** Millicredits issued at the start of each period. */
  allocation: number;
  /** Millicredits a workspace may consume per calendar day in its time zone, or null for no limit. */
  dailyLimit: number | null;
  /** Most millicredits carried into the next period as a rollover grant; 0 for no rollover. */
  rolloverCap: number;
  topUps: { packs: TopUpPack[]; lifetime: TopUpLifetime };
  /** Runs started from the editor (n8n mode `manual`) cost nothing when true. */
  editorRunsFree: boolean;
  /** Whether the step that failed is charged; the steps completed before it always are. */
  chargeFailedStep: boolean;
  exhaustion: ExhaustionPolicy;
  /**
   * Under `pause`, which per-execution estimate of a workflow the balance must cover for a new execution
   * to start: `expected` (the default when absent) or `max` (every branch and loop at its most).
   */
  admissionEstimate?: AdmissionEstimate;
  /** Consecutive failed executions of one workflow after which it is refused (a circuit breaker), or null. */
  consecutiveFailureLimit: number | null;
  /** Whether members each get a share of the pool (the pool does not grow with members). */
  memberAllocations: boolean;
}
