import type { AdmissionJson as Admission } from '../http/contract';

export interface GateOptions {
  admission(workflowId: string | undefined, mode: string | undefined): Promise<Admission | null>;
  /** Answers are reused this long (ms); 0 asks every time. */
  cacheMs: number;
  log(line: string): void;
  now?: () => number;
}

/** Modes never refused: editor runs, and sub-workflows and internal runs of an execution already admitted. */
export const UNCHECKED_MODES: readonly string[] = ['manual', 'integrated', 'internal'];

/** The error thrown in `workflow.preExecute` to keep an execution from starting; n8n shows its message. */
export class ExecutionRefusedError extends Error {
  constructor(readonly admission: Admission) {
    super(admission.message ?? 'n8n Credits: the execution was refused');
    this.name = 'ExecutionRefusedError';
  }
}

/**
 * The admission check before an execution: asks the ledger (`GET /v1/admission`) and throws when it refuses.
 * Editor runs are never asked about. When the ledger does not answer in time the execution runs (metering must
 * never stop n8n) and that is logged once until the ledger answers again.
 */
export class Gate {
  private readonly cache = new Map<string, { at: number; admission: Admission }>();
  private silentSince: number | null = null;

  constructor(private readonly options: GateOptions) {}

  async check(workflowId: string | undefined, mode: string | undefined): Promise<void> {
    if (mode !== undefined && UNCHECKED_MODES.includes(mode)) return;
    const admission = await this.lookup(workflowId, mode);
    if (admission && !admission.allowed) throw new ExecutionRefusedError(admission);
  }

  private async lookup(workflowId: string | undefined, mode: string | undefined): Promise<Admission | null> {
    const now = (this.options.now ?? Date.now)();
    const key = `${workflowId ?? ''}\u0000${mode ?? ''}`;
    const cached = this.cache.get(key);
    if (cached && now - cached.at < this.options.cacheMs) return cached.admission;
    const admission = await this.options.admission(workflowId, mode);
    if (!admission) {
      if (this.silentSince === null) {
        this.silentSince = now;
        this.options.log('n8n Credits hook: the ledger did not answer the admission check; executions run unchecked until it does');
      }
      return null;
    }
    this.silentSince = null;
    if (this.options.cacheMs > 0) {
      if (this.cache.size > 10000) this.cache.clear();
      this.cache.set(key, { at: now, admission });
    }
    return admission;
  }
}
