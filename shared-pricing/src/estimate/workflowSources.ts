import type { WorkflowAnalysis } from './types';

/** What an analysis was made from: its text and the `nodes` array as `JSON.parse` read it. */
export interface WorkflowSource {
  text: unknown;
  /** Undefined when the text was not strict JSON. */
  rawNodes?: unknown[];
}

/**
 * The source of each analysis `analyzeWorkflow` returned, kept beside it (not in it, so the
 * analysis keeps its shape and stays serialisable) for `lintWorkflow`: its rules read raw
 * parameters from the same parse instead of parsing the text again. Held weakly: callers lint
 * right after analysing (same job), and an analysis kept for long (a CLI run over thousands of
 * files) must not keep a parsed copy of its workflow alive; once collected, lint parses again.
 */
export const workflowSources = new WeakMap<WorkflowAnalysis, WeakRef<WorkflowSource>>();
