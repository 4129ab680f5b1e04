/**
 * The shapes of n8n execution data that pricing reads. Every field is optional or `unknown`
 * because run data comes from many n8n versions and nodes: readers check before they use.
 */

export interface WorkflowNode {
  id?: string;
  name: string;
  type: string;
  typeVersion?: number;
  parameters?: Record<string, unknown>;
  disabled?: boolean;
  executeOnce?: boolean;
  notes?: string;
  position?: [number, number];
}

/** `connections[sourceNode][connectionType][outputIndex]` lists the targets of that output. */
export type WorkflowConnections = Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }> | null>>>;

export interface Workflow {
  id?: string;
  name?: string;
  nodes: WorkflowNode[];
  connections: WorkflowConnections;
  settings?: Record<string, unknown>;
}

/** One run of one node: `runData[nodeName][runIndex]` (n8n's ITaskData). */
export interface NodeRun {
  startTime?: number;
  /** The order in which n8n started node runs in this execution (n8n ≥ 1.80); pricing sorts by it. */
  executionIndex?: number;
  executionTime?: number;
  executionStatus?: string;
  /** `data[connectionType][outputIndex]` is the list of items on that output, or null. */
  data?: Record<string, Array<Array<{ json?: Record<string, unknown> } | null> | null> | null> | null;
  error?: unknown;
  source?: unknown;
  metadata?: Record<string, unknown>;
}

/** What `priceExecution` needs of an execution (n8n's IRun plus its id). */
export interface ExecutionRun {
  executionId: string;
  /** n8n's WorkflowExecuteMode: `manual` for editor runs, `trigger`, `webhook`, `integrated`, … */
  mode?: string;
  status?: string;
  data?: {
    resultData?: {
      runData?: Record<string, NodeRun[] | null | undefined> | null;
      error?: unknown;
      lastNodeExecuted?: string;
    };
  } | null;
}

/** Pricing state carried from one execution to the next of the same workspace. */
export interface PricingState {
  /** Helper runs counted so far; a helper charge falls due each time it passes a multiple of the class's `every`. */
  helperRuns: number;
  /**
   * Helper runs already counted per execution id. n8n reports a waiting execution again when it
   * resumes (with the runs before the Wait still in its run data), so an execution priced twice
   * advances the counter only by the helper runs it had not counted yet. The most recent
   * executions are kept (see `HELPER_MEMORY`); absent means none counted.
   */
  helperRunsCounted?: Record<string, number>;
}

export type ChargeKind = 'run' | 'item' | 'execution' | 'tokens' | 'helper' | 'nominal';

export interface Charge {
  /** `executionId:nodeName:runIndex:kind`: one ledger entry per key. */
  key: string;
  executionId: string;
  nodeName: string;
  nodeType: string;
  runIndex: number;
  kind: ChargeKind;
  className: string;
  /** What was counted: runs, items, tokens (input + output) or helper runs. */
  units: number;
  tokens?: { input: number; output: number };
  model?: string;
  /** For an LLM sub-node, the agent or chain node it served. */
  servedNode?: string;
  millicredits: number;
  /** Why this amount, in words (rule, rate, units). */
  reason: string;
  /** False when the fallback class or the fallback model rate priced it. */
  explicit: boolean;
}

/** Something in the run data that was not priced, and why. */
export interface SkippedRun {
  nodeName: string;
  runIndex?: number;
  reason: string;
}

export interface PricedExecution {
  executionId: string;
  charges: Charge[];
  totalMillicredits: number;
  skipped: SkippedRun[];
  /** Plan decisions that applied (editor run free, failed step not charged, …). */
  notes: string[];
  state: PricingState;
}
