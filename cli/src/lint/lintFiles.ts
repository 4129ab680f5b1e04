import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { compareCost, lintWorkflow, withBudgets, type Budgets, type CostChange, type LintFinding } from '../pricing';
import { analyzeFile, type FileAnalysis } from '../estimate/analyzeFile';
import { createWorkflowResolver } from '../estimate/workflowResolver';
import { relativeUri } from '../files/relativeUri';
import type { Settings } from '../settings/loadSettings';

/** The lint result of one file. */
export interface FileLintResult extends FileAnalysis {
  findings: LintFinding[];
  /** With `--baseline`: the change in projected monthly credits against the baseline copy. */
  change?: CostChange;
}

export interface LintRunOptions {
  /** Budgets from the command line (credits); they win over the config's. */
  budgets: Budgets;
  baseline?: string;
}

/**
 * Analyses and lints every file. Never throws for bad input: an unreadable file or an internal
 * failure is recorded on that file's result (`error`) and the others go on.
 */
export function lintFiles(files: readonly string[], root: string, settings: Settings, options: LintRunOptions): FileLintResult[] {
  const budgets: Budgets = { ...settings.budgets, ...definedOnly(options.budgets) };
  const config = withBudgets(settings.lintConfig, budgets);
  const resolver = createWorkflowResolver();
  return files.map((file) => {
    const uri = relativeUri(root, file);
    // The parse is lint's too, then dropped: the results of a run over many files hold no parsed copies.
    const { document, ...analysed } = analyzeFile(file, uri, settings, resolver(file), true);
    const result: FileLintResult = { ...analysed, findings: [] };
    if (!result.analysis) return result;
    try {
      result.findings = lintWorkflow({ analysis: result.analysis, priceBook: settings.priceBook, document, text: result.text ?? '', config });
    } catch (error) {
      result.error = `internal error while linting: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (options.baseline !== undefined && result.analysis.ok) result.change = baselineChange(result, options.baseline, settings, resolver);
    return result;
  });
}

/** The monthly change against the file at the same relative path in the baseline folder. */
function baselineChange(result: FileLintResult, baselineDir: string, settings: Settings, resolver: ReturnType<typeof createWorkflowResolver>): CostChange {
  const after = result.analysis?.monthly.credits.expected ?? 0;
  const basePath = join(baselineDir, result.uri);
  if (!existsSync(basePath)) return compareCost(after, undefined);
  const before = analyzeFile(basePath, result.uri, settings, resolver(basePath)).analysis;
  return compareCost(after, before?.ok ? before.monthly.credits.expected : undefined);
}

function definedOnly(budgets: Budgets): Budgets {
  const out: Budgets = {};
  if (budgets.perExecution !== undefined) out.perExecution = budgets.perExecution;
  if (budgets.perMonth !== undefined) out.perMonth = budgets.perMonth;
  return out;
}
