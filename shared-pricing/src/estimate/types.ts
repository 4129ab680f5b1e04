/**
 * The shapes of a static workflow estimate: what `analyzeWorkflow` returns. The CLI, the lint
 * rules and the VS Code extension only render these. All amounts are integer millicredits.
 */
import type { PriceBook } from '../price-book/types';
import type { WorkflowDocument } from '../document/types';

/** A place in the workflow text: character offset and length (jsonc-parser offsets), 1-based line. */
export interface SourceRange {
  offset: number;
  length: number;
  /** 1-based line of `offset`. */
  line?: number;
  /** 1-based column of `offset`. */
  column?: number;
}

/** An estimated quantity: the expected value and the bounds it can take under the assumptions. */
export interface Range {
  expected: number;
  min: number;
  /** `Infinity` never appears: an unbounded quantity is capped by an assumption and reported. */
  max: number;
}

/** One factor that multiplied a node's runs or items, outermost first. */
export interface MultiplierStep {
  kind: 'trigger-items' | 'loop' | 'branch' | 'fan-out' | 'agent-iterations' | 'sub-workflow' | 'execute-once' | 'merge' | 'unreachable';
  /** The node that introduced the factor (the loop, IF, agent, Execute Workflow node …). */
  node: string;
  /** Words for a hover: "Loop Over Items: 100 items / batch 10 = 10 iterations". */
  description: string;
  /** The factor on runs (expected / min / max). */
  factor: Range;
}

/** Where an assumption's value came from. */
export type AssumptionSource = 'default' | 'config' | 'config-workflow' | 'config-node' | 'notes' | 'parameter' | 'schedule';

/** The names of the assumptions an estimate may rest on. */
export type AssumptionName =
  | 'itemsPerTrigger'
  | 'itemsPerFanOut'
  | 'branchShare'
  | 'agentIterations'
  | 'inputTokensPerCall'
  | 'outputTokensPerCall'
  | 'runsPerMonth'
  | 'subWorkflowItems'
  | 'maxItems'
  | 'manualRunsPerMonth'
  | 'itemsPerRun'
  | 'branchShares';

/** One assumption an estimate used, and how to change it. */
export interface AssumptionUse {
  name: AssumptionName | string;
  value: number;
  /** For list-valued assumptions (`branchShares`): every value; `value` is the first. */
  values?: number[];
  source: AssumptionSource;
  /** The node it applies to, if node-specific. */
  node?: string;
  /** e.g. `add "credits: items=500" to the node's notes, or nodes["HTTP"].itemsPerFanOut in .n8n-credits.json` */
  howToChange: string;
  /** For a guess with no bound (an item count from an API), true: lint may flag estimates resting on it. */
  unbounded?: boolean;
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem or remark about the workflow, with where it is. */
export interface Finding {
  /** Set by lint rules; estimator findings carry an `estimate/...` id. */
  ruleId?: string;
  message: string;
  severity: Severity;
  range: SourceRange;
  node?: string;
}

/** Assumption values: every field optional (a partial override). */
export interface Assumptions {
  /** Items a trigger emits per execution. */
  itemsPerTrigger?: number;
  /** Items a fan-out node (Split Out, paginated HTTP, item lists) emits per input item. */
  itemsPerFanOut?: number;
  /** Expected share (0..1) of items that take each branch of IF / Filter (true branch) / Switch (per output). */
  branchShare?: number;
  /** LLM calls per agent item. */
  agentIterations?: number;
  inputTokensPerCall?: number;
  outputTokensPerCall?: number;
  /** Executions per month for webhook, chat, manual and other event triggers. */
  runsPerMonth?: number;
  /** Items of an unknown upper bound (fan-out, pagination) are capped at this for `max`. */
  maxItems?: number;
  /** Executions per month of a manual trigger. */
  manualRunsPerMonth?: number;
  /** Output items per run of one node (any node: overrides what the estimator would derive). */
  itemsPerRun?: number;
  /** Share (0..1) of items per output of a Switch / IF / Filter, by output index. */
  branchShares?: number[];
}

/** The `.n8n-credits.json` file: defaults, per-workflow and per-node overrides. */
export interface AssumptionConfig {
  /** Overrides of the built-in defaults for every workflow. */
  defaults?: Assumptions;
  /** By workflow name, id or file name. */
  workflows?: Record<string, Assumptions & { nodes?: Record<string, Assumptions> }>;
  /** By node name (any workflow). */
  nodes?: Record<string, Assumptions>;
  /** Budgets for lint (millicredits). */
  budgets?: { perExecution?: number; perMonth?: number };
  /** Price book name or path, for the CLI. */
  priceBook?: string;
  /** Lint rule settings, passed through for the lint layer to interpret. */
  rules?: Record<string, unknown>;
}

/** A reference to a sub-workflow, as an Execute Workflow node names it. */
export interface WorkflowRef {
  /** `database` (by id), `localFile` / `parameter` (by path or inline JSON). */
  source: 'id' | 'path' | 'inline';
  value: string;
  /** The name of the calling node. */
  fromNode: string;
}

export interface AnalyzeContext {
  fileName?: string;
  /** Returns the text of a referenced workflow, or undefined when not found. */
  resolveWorkflow?: (ref: WorkflowRef) => string | undefined;
}

/** The estimate of one node per execution of its workflow. */
export interface NodeEstimate {
  name: string;
  type: string;
  typeVersion?: number;
  id?: string;
  range: SourceRange;
  disabled: boolean;
  /** Reachable from a trigger along `main` connections (sub-nodes: through their parent). */
  reachable: boolean;
  /** Sub-node (model, tool, memory …) whose cost is attributed to `parent`. */
  parent?: string;
  /** Cost class from the price book, and whether a rule priced it (false = fallback, unpriced). */
  className?: string;
  explicit: boolean;
  unit?: string;
  model?: string;
  modelFallback?: boolean;
  /** Times the node runs per execution. */
  runs: Range;
  /** Items per run (output items). */
  itemsPerRun: Range;
  /** Total output items per execution. */
  items: Range;
  /** LLM calls per execution (token nodes). */
  llmCalls?: Range;
  /** This node's own cost per execution. */
  credits: Range;
  /** Own cost plus the cost of its sub-nodes and sub-workflows (agent, Execute Workflow). */
  totalCredits: Range;
  /** For Execute Workflow nodes: what the called workflow's executions cost (calls × its per-execution estimate). */
  subWorkflowCredits?: Range;
  path: MultiplierStep[];
  assumptions: AssumptionUse[];
  findings: Finding[];
  /** Loops the node sits in, outermost first (loop node names). */
  loops: string[];
  /** For Execute Workflow nodes: the sub-workflow's analysis, if resolved. */
  subWorkflow?: WorkflowAnalysis;
}

/** How often the workflow runs per month, from its trigger(s). */
export interface MonthlyProjection {
  runsPerMonth: Range;
  /** Words: "every Monday at 10:00 and 18:00: 2 a week × 4 weeks = 8 a month". */
  basis: string;
  /** Per trigger node. */
  triggers: Array<{ node: string; type: string; runsPerMonth: number; basis: string; source: AssumptionSource }>;
  credits: Range;
}

/** Everything `analyzeWorkflow` finds out about one workflow. */
export interface WorkflowAnalysis {
  /** False when the text is not a workflow at all (see `findings`). */
  ok: boolean;
  name?: string;
  id?: string;
  fileName?: string;
  nodes: NodeEstimate[];
  /** Trigger node names. */
  triggers: string[];
  /** Per execution, including `nominalPerExecution`. */
  perExecution: Range;
  monthly: MonthlyProjection;
  assumptions: AssumptionUse[];
  findings: Finding[];
  priceBook: string;
}

/** The signature of `analyzeWorkflow`, for consumers that take it as a parameter. */
export type AnalyzeWorkflow = (text: string | WorkflowDocument, priceBook: PriceBook, assumptions?: AssumptionConfig, context?: AnalyzeContext) => WorkflowAnalysis;
