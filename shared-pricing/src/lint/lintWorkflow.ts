import type { SourceRange, WorkflowAnalysis } from '../estimate/types';
import type { PriceBook } from '../price-book/types';
import { lineIndex } from '../estimate/lineIndex';
import { formatMessage } from './helpers/formatMessage';
import { rawNodeMap } from './helpers/rawNodeMap';
import { readRawNodes } from './helpers/readRawNodes';
import { workflowSources } from '../estimate/workflowSources';
import { stableHash } from './helpers/stableHash';
import { ruleOptionsWithDefaults } from './ruleOptionsWithDefaults';
import { rules as registry } from './rules';
import type { LintFinding, LintRule, LintRulesConfig, RawNode, ReportDescriptor, RuleContext } from './types';

export interface LintInput {
  analysis: WorkflowAnalysis;
  priceBook: PriceBook;
  /** The workflow text, for rules that read raw parameters and for line numbers. */
  text?: string;
  /** Severity and options per rule id; rules not named use their default severity. */
  config?: LintRulesConfig;
  /** The rules to run (the registry by default). */
  rules?: readonly LintRule[];
}

const START: SourceRange = { offset: 0, length: 0, line: 1, column: 1 };

/**
 * Runs every enabled rule on one workflow's analysis and returns its findings sorted by line,
 * then rule id. Each finding carries a fingerprint that stays the same when lines move.
 */
export function lintWorkflow(input: LintInput): LintFinding[] {
  const { analysis, priceBook, text, config = {} } = input;
  const nodes = new Map(analysis.nodes.map((n) => [n.name, n]));
  let raw: Map<string, RawNode> | undefined;
  let lines: ((offset: number, length: number) => SourceRange) | undefined;
  const findings: LintFinding[] = [];
  // Shared by every rule's context: made once per workflow, not once per rule.
  const node = (name: string) => nodes.get(name);
  const rawNode = (name: string) => (raw ??= rawNodesOf(analysis, text)).get(name);
  const locate = (d: ReportDescriptor): SourceRange => {
    const range = d.range ?? nodes.get(d.node ?? '')?.range ?? START;
    if (range.line !== undefined) return range;
    if (text === undefined) return { ...range, line: 1, column: 1 };
    // A line-start table built once, searched in O(log n), instead of a scan from the top per finding.
    const { line, column } = (lines ??= lineIndex(text))(range.offset, range.length);
    return { ...range, line, column };
  };
  for (const rule of input.rules ?? registry) {
    const setting = config[rule.meta.id];
    const severity = setting?.severity ?? rule.meta.defaultSeverity;
    if (severity === 'off') continue;
    const context: RuleContext = {
      analysis,
      priceBook,
      options: ruleOptionsWithDefaults(rule.meta, setting?.options),
      node,
      rawNode,
      report: (d: ReportDescriptor) => findings.push(toFinding(rule, severity, d, locate(d))),
    };
    rule.check(context);
  }
  uniqueFingerprints(findings);
  return findings.sort((a, b) => (a.range.line ?? 1) - (b.range.line ?? 1) || a.ruleId.localeCompare(b.ruleId));
}

/**
 * The raw nodes by name: from the parse `analyzeWorkflow` already made of this very text when
 * there is one (the usual case: no second parse), else read from the text; none without text.
 */
function rawNodesOf(analysis: WorkflowAnalysis, text: string | undefined): Map<string, RawNode> {
  if (text === undefined) return new Map();
  const source = workflowSources.get(analysis)?.deref();
  if (source?.rawNodes && source.text === text) return rawNodeMap(source.rawNodes);
  return readRawNodes(text);
}

/**
 * Makes fingerprints unique within the workflow (two nodes with one name, two identical
 * problems): a repeat gets its occurrence number, in rule order, which line moves do not change.
 */
function uniqueFingerprints(findings: LintFinding[]): void {
  const seen = new Map<string, number>();
  for (const finding of findings) {
    const count = seen.get(finding.fingerprint) ?? 0;
    seen.set(finding.fingerprint, count + 1);
    if (count > 0) finding.fingerprint = stableHash(`${finding.fingerprint}\u0000${count}`);
  }
}

function toFinding(rule: LintRule, severity: 'warning' | 'error', d: ReportDescriptor, range: SourceRange): LintFinding {
  const template = rule.meta.messages[d.messageId] ?? d.messageId;
  const finding: LintFinding = {
    ruleId: rule.meta.id,
    messageId: d.messageId,
    severity,
    message: formatMessage(template, d.data),
    range,
    fingerprint: stableHash([rule.meta.id, d.node ?? '', d.messageId, d.key ?? ''].join('\u0000')),
  };
  if (d.node !== undefined) finding.node = d.node;
  return finding;
}
