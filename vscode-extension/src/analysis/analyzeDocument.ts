import { parsedStrictly, type AnalyzeContext, type AnalyzeWorkflow, type AssumptionConfig, type Finding, type NodeEstimate, type PriceBook, type WorkflowAnalysis } from '../../../shared-pricing/src';
import { lineStarts } from './lineIndex';
import { locateNodes, type NodeLocation, type WorkflowShape } from './locateNodes';
import { scanNodeLocations } from './scanNodeLocations';

/** The lint rules run over an analysis (shared-pricing's `lintWorkflow` with the configured rules), returning their findings. */
export type LintAnalysis = (analysis: WorkflowAnalysis, text: string) => Finding[];

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
  /** By node name. */
  nodes: Map<string, { estimate: NodeEstimate; location?: NodeLocation }>;
  /** Estimator findings and lint findings, deduplicated. */
  findings: Finding[];
  lineStarts: number[];
  message?: string;
  /** JSON syntax errors jsonc-parser recovered from. */
  syntaxErrors: number;
  /** True when this is the last good analysis kept while the text is half-typed and unreadable. */
  stale?: boolean;
}

/**
 * Analyses one document text: recognises an n8n workflow (a `nodes` array and a `connections`
 * object), runs `analyzeWorkflow` and the lint rules, and never throws — a failure becomes a
 * `failed` result with a message for the status bar.
 */
export function analyzeDocument(text: string, version: number, fileName: string, settings: AnalysisSettings): DocumentAnalysis {
  const base = { version, nodes: new Map(), findings: [] as Finding[], lineStarts: [0], syntaxErrors: 0 };
  if (text.length > settings.maxChars) {
    // Too large to parse on every edit; a plain search tells a big workflow from other big JSON (lock files, data).
    if (!text.includes('"nodes"') || !text.includes('"connections"')) return { ...base, kind: 'other' };
    const mb = (n: number) => (n / 1_000_000).toFixed(1);
    return { ...base, kind: 'too-large', message: `file is ${mb(text.length)} MB, over the ${mb(settings.maxChars)} MB limit (setting n8nCredits.maxFileSizeMB)` };
  }
  // One parse per keystroke: the scan takes the text for strict JSON and the analysis' own parse
  // confirms it (below); a text it does not take for a workflow gets the full check at once.
  const scanned = scanNodeLocations(text);
  let shape: WorkflowShape = scanned.isWorkflow ? scanned : locateNodes(text);
  if (!shape.isWorkflow) return { ...base, kind: 'other', syntaxErrors: shape.syntaxErrors };
  try {
    const analysis = settings.analyze(text, settings.priceBook, settings.config, { fileName, resolveWorkflow: settings.resolveWorkflow });
    if (shape === scanned && parsedStrictly(analysis, text) !== true) {
      // Not strict JSON (or not known to be): jsonc-parser's tree, which recovers from errors, decides.
      shape = locateNodes(text);
      if (!shape.isWorkflow) return { ...base, kind: 'other', syntaxErrors: shape.syntaxErrors };
    }
    const lintFindings = settings.lint && analysis.ok ? settings.lint(analysis, text) : [];
    const byName = new Map(shape.nodes.filter((l) => l.name !== undefined).map((l) => [l.name as string, l]));
    const nodes = new Map(analysis.nodes.map((estimate) => [estimate.name, { estimate, location: byName.get(estimate.name) }]));
    return { ...base, kind: 'workflow', analysis, nodes, findings: dedupe([...analysis.findings, ...analysis.nodes.flatMap((n) => n.findings), ...lintFindings]), lineStarts: lineStarts(text), syntaxErrors: shape.syntaxErrors };
  } catch (error) {
    // A bug in the analysis must not take the extension host down: report it, keep the editor going.
    if (shape === scanned) shape = locateNodes(text);
    if (!shape.isWorkflow) return { ...base, kind: 'other', syntaxErrors: shape.syntaxErrors };
    return { ...base, kind: 'failed', syntaxErrors: shape.syntaxErrors, message: `analysis failed: ${error instanceof Error ? error.message : String(error)}` };
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
