/**
 * The price book: what each node run costs, in millicredits (1 credit = 1000).
 * Its JSON form is described by `price-book.schema.json` and `docs/price-book.md`.
 */

/** How a cost class counts what it charges for. */
export type CostUnit =
  /** `rate` per node run (each runIndex of a node). */
  | 'run'
  /** `rate` per item the node run output on its `main` outputs. */
  | 'item'
  /** `rate` once per execution in which the node ran at all, whatever its run count. */
  | 'execution'
  /** per 1K input / 1K output tokens, at the rates of the model used (see `models`). */
  | 'tokens'
  /** a free helper: `rate` once every `every` runs, counted across executions (a counter, not chance). */
  | 'helper';

export interface CostClass {
  unit: CostUnit;
  /** Millicredits per unit; for `helper`, charged once every `every` runs; for `tokens`, unused (0). */
  rate: number;
  /** For `helper` only: how many runs one charge of `rate` covers. */
  every?: number;
  description?: string;
}

/** Maps node types (exact or glob) and optionally one operation/resource to a cost class. */
export interface PriceRule {
  /** Exact node type (`n8n-nodes-base.set`) or a glob (`*Trigger`, `@n8n/n8n-nodes-langchain.lm*`). */
  type: string;
  /** Only when the node's `operation` parameter equals this. */
  operation?: string;
  /** Only when the node's `resource` parameter equals this. */
  resource?: string;
  class: string;
  note?: string;
}

export interface ModelRate {
  /** Millicredits per 1K input tokens. */
  input: number;
  /** Millicredits per 1K output tokens. */
  output: number;
  /** Other names (exact or glob) for the same model, e.g. dated snapshots `gpt-4o-2024-*`. */
  aliases?: string[];
}

export interface PriceBook {
  /** Format version; only 1 exists. */
  version: 1;
  name: string;
  description?: string;
  classes: Record<string, CostClass>;
  /** Evaluated by specificity, not order: see `classifyNode`. */
  rules: PriceRule[];
  /** The class of node types no rule matches; such nodes are reported as unpriced. */
  fallbackClass: string;
  /** The class of trigger nodes that no explicit rule prices (a node is a trigger when its type ends in `Trigger` or is a known trigger). */
  triggerClass: string;
  /** Keyed by canonical model name. */
  models: Record<string, ModelRate>;
  /** Rates for a model the book does not know; such charges are reported as `fallback`. */
  modelFallback: ModelRate;
  /** Millicredits charged once per execution, whatever it ran (0 for none). */
  nominalPerExecution: number;
}

/** How a node was matched to a class. */
export interface NodeClassification {
  className: string;
  costClass: CostClass;
  /** The rule that matched, or undefined when the fallback or trigger default priced it. */
  rule?: PriceRule;
  /** `exact`, `glob`, `trigger-default` or `fallback`. */
  matchedBy: 'exact' | 'glob' | 'trigger-default' | 'fallback';
  /** True when a rule (or the trigger default) priced the node, false for the fallback. */
  explicit: boolean;
}

export interface ResolvedModel {
  /** Canonical model name from the book, or the name as given when unknown. */
  model: string;
  rate: ModelRate;
  /** True when the book does not know the model and `modelFallback` applies. */
  fallback: boolean;
}
