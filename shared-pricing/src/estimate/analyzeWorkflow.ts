import type { WorkflowDocument } from '../document/types';
import type { PriceBook } from '../price-book/types';
import { analyzeParsed, type AnalyzeState } from './analyzeParsed';
import { parseWorkflowText } from './parseWorkflowText';
import type { AnalyzeContext, AssumptionConfig, WorkflowAnalysis } from './types';

/**
 * Estimates what one execution of a workflow costs, node by node, with the multiplier path
 * and the assumptions behind each figure, and what it costs per month from its triggers.
 * Tolerant of broken JSON (every node that parses is analysed; the syntax error is a finding
 * with its line). Never throws for bad input: problems are findings. Sub-workflows called by
 * Execute Workflow nodes are read through `context.resolveWorkflow` (this core does no I/O).
 * Takes the text, or the document `parseWorkflowDocument` made of it when the caller reads it
 * too (lint, the editor), so the text is parsed once.
 */
export function analyzeWorkflow(text: string | WorkflowDocument, priceBook: PriceBook, assumptions?: AssumptionConfig, context?: AnalyzeContext): WorkflowAnalysis {
  const state: AnalyzeState = { stack: [], cache: new Map(), subEntry: false };
  return analyzeText(text, priceBook, assumptions, context, state);
}

/** Analyses text within a chain of sub-workflow calls (`state`). */
function analyzeText(text: string | WorkflowDocument, priceBook: PriceBook, assumptions: AssumptionConfig | undefined, context: AnalyzeContext | undefined, state: AnalyzeState): WorkflowAnalysis {
  const parsed = parseWorkflowText(typeof text === 'string' || isDocument(text) ? text : '');
  const recurse = (sub: string, subState: AnalyzeState, fileName?: string) => analyzeText(sub, priceBook, assumptions, { ...context, fileName }, subState);
  return analyzeParsed(parsed, priceBook, assumptions, context, state, recurse);
}

function isDocument(value: unknown): value is WorkflowDocument {
  return typeof value === 'object' && value !== null && typeof (value as WorkflowDocument).text === 'string' && typeof (value as WorkflowDocument).lines === 'object';
}
