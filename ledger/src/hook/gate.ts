import type { AdmissionJson as Admission, LedgerBody } from '../http/contract';

/** The workflow body `POST /v1/admission` prices. */
export type AdmissionWorkflowBody = LedgerBody<'POST /v1/admission'>['workflow'];

/** The workflow an execution is of, as `preExecute` gives it: its id, version and (read only when sent) body. */
export interface GateWorkflow {
  id?: string;
  versionId?: string;
  body(): AdmissionWorkflowBody | null;
}

export interface GateOptions {
  /** `GET /v1/admission`: decided on the estimate of a version the ledger priced before. */
  admission(workflowId: string | undefined, versionId: string | undefined, mode: string | undefined): Promise<Admission | null>;
  /** `POST /v1/admission`: the ledger prices the workflow (once per version) and decides. */
  admitWorkflow(workflow: AdmissionWorkflowBody, mode: string | undefined): Promise<Admission | null>;
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
 * The admission check before an execution: asks the ledger and throws when it refuses. A saved workflow is asked
 * about by id and version (`GET /v1/admission`); only when the ledger has not priced that version yet does the
 * workflow itself follow (`POST /v1/admission`), as does a workflow without a version. Editor runs are never asked
 * about. When the ledger does not answer in time the execution runs (metering must never stop n8n) and that is
 * logged once until the ledger answers again.
 */
export class Gate {
  private readonly cache = new Map<string, { at: number; admission: Admission }>();
  private silentSince: number | null = null;

  constructor(private readonly options: GateOptions) {}

  async check(workflow: GateWorkflow | undefined, mode: string | undefined): Promise<void> {
    if (mode !== undefined && UNCHECKED_MODES.includes(mode)) return;
    const admission = await this.lookup(workflow ?? { body: () => null }, mode);
    if (admission && !admission.allowed) throw new ExecutionRefusedError(admission);
  }

  /**
   * Asks by version first; sends the workflow when the ledger needs it (or it has no version), a refusal included:
   * priced, the refusal can say by how much the balance falls short. An open circuit needs no price.
   */
  private async ask(workflow: GateWorkflow, mode: string | undefined): Promise<Admission | null> {
    const body = workflow.versionId === undefined ? workflow.body() : null;
    if (body) return this.options.admitWorkflow(body, mode);
    const answer = await this.options.admission(workflow.id, workflow.versionId, mode);
    if (!answer?.workflowNeeded || answer.reason === 'circuit-open') return answer;
    const needed = workflow.body();
    return (needed && (await this.options.admitWorkflow(needed, mode))) ?? answer;
  }

  private async lookup(workflow: GateWorkflow, mode: string | undefined): Promise<Admission | null> {
    const now = (this.options.now ?? Date.now)();
    const key = `${workflow.id ?? ''}\u0000${workflow.versionId ?? ''}\u0000${mode ?? ''}`;
    const cached = this.cache.get(key);
    if (cached && now - cached.at < this.options.cacheMs) return cached.admission;
    const admission = await this.ask(workflow, mode);
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
