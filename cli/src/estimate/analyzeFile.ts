import { readFileSync } from 'node:fs';
import { analyzeWorkflow, parseWorkflowDocument, type WorkflowAnalysis, type WorkflowDocument, type WorkflowRef } from '../pricing';
import type { Settings } from '../settings/loadSettings';

/** One input file: its analysis, or why it could not be read. */
export interface FileAnalysis {
  /** Absolute path. */
  file: string;
  /** Path relative to the project root, forward slashes. */
  uri: string;
  text?: string;
  /** The one parse of `text`, for lint to read too; only when asked for (a run over many files must not hold every parse). */
  document?: WorkflowDocument;
  analysis?: WorkflowAnalysis;
  /** Set when the file could not be read or the analysis failed (an internal error). */
  error?: string;
}

/**
 * Reads and analyses one workflow file. A file that is not JSON or not a workflow still gets
 * an analysis (with `ok: false` and a finding); only an unreadable file or a crash sets `error`.
 * With `keepDocument` the result also holds the parse the analysis read, for lint.
 */
export function analyzeFile(file: string, uri: string, settings: Settings, resolveWorkflow: (ref: WorkflowRef) => string | undefined, keepDocument = false): FileAnalysis {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { file, uri, error: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  try {
    const document = parseWorkflowDocument(text);
    const analysis = analyzeWorkflow(document, settings.priceBook, settings.assumptions, { fileName: file, resolveWorkflow });
    return keepDocument ? { file, uri, text, document, analysis } : { file, uri, text, analysis };
  } catch (error) {
    return { file, uri, text, error: `internal error while analysing: ${error instanceof Error ? error.message : String(error)}` };
  }
}
