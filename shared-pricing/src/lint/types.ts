/**
 * The cost-lint rule framework, ESLint-like: each rule has `meta` and a `check(context)` that
 * reports findings on a `WorkflowAnalysis`. All amounts are integer millicredits.
 */
import type { Finding, NodeEstimate, SourceRange, WorkflowAnalysis } from '../estimate/types';
import type { PriceBook } from '../price-book/types';

/** How a rule's findings count: `off` disables the rule. */
export type RuleSeverity = 'off' | 'warning' | 'error';

/** One option a rule accepts, with its default (a tiny JSON-schema subset, validated by `parseLintConfig`). */
export interface RuleOptionSchema {
  type: 'number' | 'integer' | 'boolean' | 'string';
  description: string;
  default?: number | boolean | string;
  /** Smallest allowed value for numbers. */
  minimum?: number;
  /** Allowed values for strings. */
  enum?: readonly string[];
}

export type RuleOptions = Record<string, number | boolean | string | undefined>;

export interface RuleMeta {
  /** Kebab-case id, also the file name `rules/<id>.ts` and the doc page `docs/rules/<id>.md`. */
  id: string;
  description: string;
  /** Repo-relative docs page, `docs/rules/<id>.md`. */
  docs: string;
  defaultSeverity: RuleSeverity;
  options: Record<string, RuleOptionSchema>;
  /** Message templates by message id, with `{placeholders}`: one short line, what and where. */
  messages: Record<string, string>;
  /**
   * Longer text by message id (same placeholders): how to change it. Kept out of `messages` so a report of many
   * findings stays readable; the CLI shows it with `--verbose`, SARIF and JSON carry it as `detail`.
   */
  details?: Record<string, string>;
  /** Why the finding matters, one or two sentences: SARIF's `fullDescription` is `description` then this. */
  rationale: string;
  /** What to do about a finding, one or two sentences: SARIF's `help` (the doc page says more). */
  fix: string;
}

/** What a rule passes to `context.report`. */
export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  /** The node the finding is about; its source range is used unless `range` is given. */
  node?: string;
  range?: SourceRange;
  /** Distinguishes two findings of one rule on one node (part of the fingerprint). */
  key?: string;
}

/** The raw JSON of one node, for rules that look at parameters the estimate does not carry. */
export interface RawNode {
  name: string;
  type: string;
  disabled?: boolean;
  parameters: Record<string, unknown>;
}

export interface RuleContext {
  analysis: WorkflowAnalysis;
  priceBook: PriceBook;
  /** The rule's options, defaults filled in. */
  options: RuleOptions;
  /** A node estimate by name. */
  node(name: string): NodeEstimate | undefined;
  /** The raw JSON of a node by name (parsed lazily from the workflow text; undefined without text). */
  rawNode(name: string): RawNode | undefined;
  report(descriptor: ReportDescriptor): void;
}

export interface LintRule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** A lint finding: an estimate `Finding` with the rule, message id and a stable fingerprint. */
export interface LintFinding extends Finding {
  ruleId: string;
  severity: 'error' | 'warning';
  messageId: string;
  /** Stable across runs and line moves: hash of rule, node, message id and key. */
  fingerprint: string;
  /** The rule's `details` text for this message, when it has one. */
  detail?: string;
}

/** A rule's effective setting: severity and options (not yet defaults-filled). */
export interface RuleSetting {
  severity: RuleSeverity;
  options: RuleOptions;
}

/** The `rules` part of `.n8n-credits.json`, parsed. */
export type LintRulesConfig = Record<string, RuleSetting>;
