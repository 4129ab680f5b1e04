import type { IRun } from 'n8n-workflow';

/** One node's runs in an execution: how often it ran and what each run emitted. */
export interface NodeRunSummary {
  /** Number of entries in `runData[node]` (one per time the engine ran the node). */
  runs: number;
  /** `executionStatus` of each run, in run-index order. */
  statuses: string[];
  /** Items per main output, per run: `itemsPerOutput[runIndex][outputIndex]`. */
  itemsPerOutput: number[][];
}

/**
 * Condenses an IRun into per-node run counts, statuses and item counts — the figures pricing
 * and estimating depend on — so tests can compare executions without volatile timestamps.
 */
export function summarizeRun(run: Pick<IRun, 'data'>): Record<string, NodeRunSummary> {
  const summary: Record<string, NodeRunSummary> = {};
  for (const [nodeName, taskRuns] of Object.entries(run.data.resultData.runData)) {
    summary[nodeName] = {
      runs: taskRuns.length,
      statuses: taskRuns.map((task) => task.executionStatus ?? 'unknown'),
      itemsPerOutput: taskRuns.map((task) => (task.data?.main ?? []).map((output) => output?.length ?? 0)),
    };
  }
  return summary;
}
