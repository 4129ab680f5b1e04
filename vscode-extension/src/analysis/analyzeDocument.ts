import { lineIndex, parseWorkflowDocument, type AnalyzeContext, type AnalyzeWorkflow, type AssumptionConfig, type Finding, type LineIndex, type NodeEstimate, type NodeLocation, type PriceBook, type WorkflowAnalysis, type WorkflowDocument } from '../../../shared-pricing/src';

/** The lint rules run over an analysis (shared-pricing's `lintWorkflow` with the configured rules), given the document it was made from. */
export type LintAnalysis = (analysis: WorkflowAnalysis, document: WorkflowDocument) => Finding[];

/** What the wiring layer hands the analysis: the price book, the config, limits. */
export interface AnalysisSettings {
  analyze: AnalyzeWorkflow;
  lint?: LintAnalysis;
  priceBook: PriceBook;
  config: AssumptionConfig;
  /** Files larger than this many characters are not analysed (the editor stays responsive). */
  maxChars: number;
  /** Returns the text of a sub-workflow referenced by an Execute Workflow node. */
  resolveWorkflow?: AnalyzeContext['resolveWorkflow'];
}

/** The extension's view of one document version. */
export interface DocumentAnalysis {
  version: number;
  /** `workflow`: analysed; `other`: JSON that is not a workflow (the extension shows nothing); `too-large`, `failed`: see `message`. */
  kind: 'workflow' | 'other' | 'too-large' | 'failed';
  analysis?: WorkflowAnalysis;
  /** The one parse of this version (not made for a `too-large` file): every provider reads it, none parses again. */
  document?: WorkflowDocument;
  /** By node name. */
  nodes: Map<string, { estimate: NodeEstimate; location?: NodeLocation }>;
  /** Estimator findings and lint findings, deduplicated. */
  findings: Finding[];
  /** Offsets ↔ positions of the analysed text (the document's own index). */
  lines: LineIndex;
  message?: string;
  /** JSON syntax errors jsonc-parser recovered from (nesting too deep to read counts as one). */
  syntaxErrors: number;
  /** True when this is the last good analysis kept while the text is half-typed and unreadable. */
  stale?: boolean;
}

/**
 * Analyses one document text: parses it once, recognises an n8n workflow (a `nodes` array and a
 * `connections` object), runs `analyzeWorkflow` and the lint rules on that same parse, and never
 * throws — a failure becomes a `failed` result with a message for the status bar. `parsed`, an
 * earlier parse of this same text (new settings, same version), is used instead of parsing again.
 */
export function analyzeDocument(text: string, version: number, fileName: string, settings: AnalysisSettings, parsed?: WorkflowDocument): DocumentAnalysis {
  const base = { version, nodes: new Map(), findings: [] as Finding[], syntaxErrors: 0 };
  if (text.length > settings.maxChars) {
    // Too large to parse on every edit; a plain search tells a big workflow from other big JSON (lock files, data).
    const lines = lineIndex(text);
    if (!text.includes('"nodes"') || !text.includes('"connections"')) return { ...base, lines, kind: 'other' };
    const mb = (n: number) => (n / 1_000_000).toFixed(1);
    return { ...base, lines, kind: 'too-large', message: `file is ${mb(text.length)} MB, over the ${mb(settings.maxChars)} MB limit (setting n8nCredits.maxFileSizeMB)` };
  }
  const document = parsed?.text === text ? parsed : parseWorkflowDocument(text);
  const read = { ...base, document, lines: document.lines, syntaxErrors: document.syntaxErrors.length + (document.tooDeep ? 1 : 0) };
  if (!document.isWorkflow) return { ...read, kind: 'other' };
  try {
    const analysis = settings.analyze(document, settings.priceBook, settings.config, { fileName, resolveWorkflow: settings.resolveWorkflow });
    const lintFindings = settings.lint && analysis.ok ? settings.lint(analysis, document) : [];
    const byName = new Map(document.nodes.filter((l) => l.name !== undefined).map((l) => [l.name as string, l]));
    const nodes = new Map(analysis.nodes.map((estimate) => [estimate.name, { estimate, location: byName.get(estimate.name) }]));
    return { ...read, kind: 'workflow', analysis, nodes, findings: dedupe([...analysis.findings, ...analysis.nodes.flatMap((n) => n.findings), ...lintFindings]) };
  } catch (error) {
    // A bug in the analysis must not take the extension host down: report it, keep the editor going.
    return { ...read, kind: 'failed', message: `analysis failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId ?? ''}|${f.range.offset}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
