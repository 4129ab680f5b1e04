import type { SourceRange, WorkflowAnalysis } from '../estimate/types';
import type { PriceBook } from '../price-book/types';
import { lineIndex, type LineIndex } from '../document/lineIndex';
import { parseWorkflowDocument } from '../document/parseWorkflowDocument';
import type { WorkflowDocument } from '../document/types';
import { formatMessage } from './helpers/formatMessage';
import { rawNodeMap } from './helpers/rawNodeMap';
import { stableHash } from './helpers/stableHash';
import { ruleOptionsWithDefaults } from './ruleOptionsWithDefaults';
import { rules as registry } from './rules';
import type { LintFinding, LintRule, LintRulesConfig, RawNode, ReportDescriptor, RuleContext } from './types';

export interface LintInput {
  analysis: WorkflowAnalysis;
  priceBook: PriceBook;
  /**
   * The document the analysis was made from (`parseWorkflowDocument`), for rules that read raw
   * parameters and for line numbers: pass it when you have it, so the text is not parsed again.
   */
  document?: WorkflowDocument;
  /** The workflow text, when there is no document: parsed here on first need. */
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
  const { analysis, priceBook, config = {} } = input;
  const nodes = new Map(analysis.nodes.map((n) => [n.name, n]));
  let document = input.document;
  let raw: Map<string, RawNode> | undefined;
  let lines: LineIndex | undefined;
  const findings: LintFinding[] = [];
  // Shared by every rule's context: made once per workflow, not once per rule; the text parsed only when a rule asks.
  const read = () => (document ??= input.text === undefined ? undefined : parseWorkflowDocument(input.text));
  const node = (name: string) => nodes.get(name);
  const rawNode = (name: string) => (raw ??= rawNodeMap(read()?.rawNodes ?? [])).get(name);
  const locate = (d: ReportDescriptor): SourceRange => {
    const range = d.range ?? nodes.get(d.node ?? '')?.range ?? START;
    if (range.line !== undefined) return range;
    // Text alone needs only its line index for this, not a parse.
    lines ??= document?.lines ?? (input.text === undefined ? undefined : lineIndex(input.text));
    const { line, column } = lines?.rangeOf(range.offset, range.length) ?? START;
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
  const detail = rule.meta.details?.[d.messageId];
  if (detail !== undefined) finding.detail = formatMessage(detail, d.data);
  return finding;
}
