import { admits, spent, type AdmissionCard } from '../../../shared-pricing/src/accounting/admits';
import { TouchQueue } from '../service/touchQueue';
import type { LedgerStore, ParkedExecution } from '../store/types';
import { DEFAULT_RESUME_TIMING, callResumeUrl, resumeResult, type CallOutcome, type ResumeTiming } from './callResumeUrl';

export interface ResumerOptions {
  now?: () => number;
  timing?: Partial<ResumeTiming>;
  /** How often every workspace with parked executions is looked at (renewals, retries, other processes' parks); default 15 s. */
  everyMs?: number;
  /** The least time between two passes over one workspace under a stream of writes; default 1 s. */
  minGapMs?: number;
  /**
   * Executions whose renewal is this close are left to n8n's own timer, which resumes them at the renewal: a call
   * racing that timer could start the execution twice. Default 90 s (n8n looks for due waits every 60 s).
   */
  renewalMarginMs?: number;
  /** Calls the resume URL (tests give a recorder); default a POST with a timeout. */
  call?: (url: string, timeoutMs: number) => Promise<CallOutcome>;
  log?: (message: string, error?: unknown) => void;
}

/**
 * Resumes executions a Guard parked under `pause` as soon as credits cover them: after a write to their workspace
 * (a top-up, a grant, a plan change) and on a timer. Oldest first, each spending from what is left, so credits
 * that cover one execution do not wake ten. Each call is claimed in the store first, so one process calls it.
 */
export class Resumer {
  private readonly now: () => number;
  private readonly timing: ResumeTiming;
  private readonly touches: TouchQueue;
  private readonly log: (message: string, error?: unknown) => void;
  /** Workspaces known to have parked executions: writes elsewhere cost nothing. */
  private readonly parkedIn = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly store: LedgerStore,
    private readonly options: ResumerOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.timing = { ...DEFAULT_RESUME_TIMING, ...options.timing };
    this.log = options.log ?? (() => undefined);
    this.touches = new TouchQueue(async (workspaceId) => {
      await this.resumeWorkspace(workspaceId).catch((err: unknown) => this.log('resuming parked executions failed', err));
    }, options.minGapMs ?? 1_000);
  }

  /** A write to the workspace: credits may have arrived. */
  touch(workspaceId: string): void {
    if (this.parkedIn.has(workspaceId)) this.touches.touch(workspaceId);
  }

  /** An execution was parked in the workspace (the balance may already cover it: a top-up raced the Guard). */
  parked(workspaceId: string): void {
    this.parkedIn.add(workspaceId);
    this.touches.touch(workspaceId);
  }

  /** One pass over a workspace; returns the executions it called back. */
  async resumeWorkspace(workspaceId: string): Promise<ParkedExecution[]> {
    await this.store.endParkedAtRenewal(workspaceId);
    const active = await this.store.activeParked(workspaceId);
    if (active.length === 0) {
      this.parkedIn.delete(workspaceId);
      return [];
    }
    this.parkedIn.add(workspaceId);
    const card = await this.store.balance(workspaceId);
    let left: AdmissionCard = { available: card.totalAvailable, dailyRemaining: card.dailyRemaining, memberRemaining: null, policy: card.exhaustion };
    const now = this.now();
    const called: ParkedExecution[] = [];
    for (const parked of active) {
      if (Date.parse(parked.renewsAt) - now < (this.options.renewalMarginMs ?? 90_000)) continue;
      // The Guard's own rule, as new work: covered without going below zero (or admitted under overdraft).
      const decision = admits(left, parked.needMillicredits, 'work');
      if (!decision.ok || (decision.overdraft > 0 && left.policy !== 'overdraft')) continue;
      left = spent(left, parked.needMillicredits);
      const claimed = await this.store.claimResumption(workspaceId, parked.executionId, this.timing.timeoutMs * 2 + 1000);
      if (!claimed) continue;
      const call = await (this.options.call ?? callResumeUrl)(claimed.resumeUrl, this.timing.timeoutMs);
      const result = resumeResult(call, claimed, this.now(), this.timing);
      await this.store.finishResumption(workspaceId, claimed.executionId, result);
      if (result.outcome !== 'resumed' && result.outcome !== 'retry') this.log(`parked execution ${claimed.executionId} was not resumed (${result.outcome}${'error' in result ? `: ${result.error}` : ''})`);
      called.push(claimed);
    }
    return called;
  }

  /** Every workspace, for what no request causes: a renewal, a retry that came due, another process's park. */
  async resumeAll(): Promise<void> {
    for (const workspaceId of await this.store.workspacesWithParked()) await this.resumeWorkspace(workspaceId);
  }

  /** Looks at once (a restart picks up what was parked or claimed before it), then on the timer. */
  start(): void {
    const sweep = () => {
      this.sweeping ??= this.resumeAll()
        .catch((err: unknown) => this.log('resuming parked executions failed', err))
        .finally(() => (this.sweeping = null));
    };
    sweep();
    this.timer = setInterval(sweep, this.options.everyMs ?? 15_000);
    this.timer.unref();
  }

  async idle(): Promise<void> {
    while (this.touches.busy || this.sweeping) await Promise.allSettled([this.touches.idle(), this.sweeping]);
  }

  async stop(): Promise<void> {
    this.touches.stop();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.idle();
  }
}
