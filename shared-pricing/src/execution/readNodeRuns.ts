import type { ExecutionRun, NodeRun, SkippedRun, Workflow, WorkflowNode } from './types';

/** How a node run ended, as far as pricing cares. */
export type NodeRunOutcome = 'completed' | 'failed' | 'waiting';

/** One node run found in the run data, with its workflow node. */
export interface ReadNodeRun {
  nodeName: string;
  runIndex: number;
  node: WorkflowNode;
  run: NodeRun;
  outcome: NodeRunOutcome;
}

const FAILED = new Set(['error', 'crashed', 'canceled']);

/**
 * Walks `run.data.resultData.runData` tolerantly and returns the node runs in the order n8n
 * started them (`startTime`, then `executionIndex`, then the order found). Anything that cannot
 * be priced — a missing or non-array entry, a null run, a node absent from the workflow, a
 * disabled node, a run still in progress — goes to `skipped` with the reason, never a TypeError.
 */
export function readNodeRuns(run: ExecutionRun, workflow: Workflow): { runs: ReadNodeRun[]; skipped: SkippedRun[] } {
  const runs: ReadNodeRun[] = [];
  const skipped: SkippedRun[] = [];
  const runData = isRecord(run?.data) && isRecord(run.data.resultData) ? run.data.resultData.runData : undefined;
  if (!isRecord(runData)) return { runs, skipped: [{ nodeName: '(execution)', reason: 'the execution has no run data (data.resultData.runData)' }] };
  const nodes = new Map<string, WorkflowNode>();
  for (const node of Array.isArray(workflow?.nodes) ? workflow.nodes : []) if (isRecord(node) && typeof node.name === 'string') nodes.set(node.name, node);

  for (const [nodeName, entries] of Object.entries(runData)) {
    const node = nodes.get(nodeName);
    if (!node || typeof node.type !== 'string') {
      skipped.push({ nodeName, reason: 'the node is not in the workflow (or has no type), so its type and price are unknown' });
      continue;
    }
    if (!Array.isArray(entries)) {
      skipped.push({ nodeName, reason: `expected an array of runs, got ${entries === null ? 'null' : typeof entries}` });
      continue;
    }
    entries.forEach((entry: unknown, runIndex: number) => {
      const problem = problemWith(entry, node);
      if (problem) skipped.push({ nodeName, runIndex, reason: problem });
      else runs.push({ nodeName, runIndex, node, run: entry as NodeRun, outcome: outcomeOf(entry as NodeRun) });
    });
  }
  return { runs: sortByStart(runs), skipped };
}

/** Why a run cannot be priced, or undefined when it can. */
function problemWith(entry: unknown, node: WorkflowNode): string | undefined {
  if (!isRecord(entry)) return `the run is ${entry === null ? 'null' : typeof entry}, not a run`;
  if (node.disabled === true) return 'the node is disabled: n8n passed its input through, nothing ran';
  const status = entry.executionStatus;
  if (status === 'running' || status === 'new') return `the run is still ${status}; it is priced when it ends`;
  return undefined;
}

function outcomeOf(entry: NodeRun): NodeRunOutcome {
  const status = entry.executionStatus;
  if (typeof status === 'string' && FAILED.has(status)) return 'failed';
  // Older n8n versions set no status: an error field marks the failed run.
  if (status === undefined && entry.error !== undefined && entry.error !== null) return 'failed';
  return status === 'waiting' ? 'waiting' : 'completed';
}

/**
 * Stable sort by start time, then n8n's execution index (which orders runs started in the same
 * millisecond, but restarts at 0 when a waiting execution resumes), then the order found.
 */
function sortByStart(runs: ReadNodeRun[]): ReadNodeRun[] {
  const key = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : Number.MAX_SAFE_INTEGER);
  return runs
    .map((r, i) => ({ r, i, start: key(r.run.startTime), index: key(r.run.executionIndex) }))
    .sort((a, b) => a.start - b.start || a.index - b.index || a.i - b.i)
    .map((x) => x.r);
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
