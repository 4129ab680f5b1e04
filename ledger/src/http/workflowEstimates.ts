import { createHash } from 'node:crypto';
import type { AnalysisResult } from './analysis/job';

/** A workflow as admission prices it: what `analyzeWorkflow` reads, and what names its version. */
export interface PricedWorkflow {
  id?: string | null;
  versionId?: string | null;
  name?: string | null;
  nodes: unknown[];
  connections: object;
}

/** The figures of one execution's estimate that admission may compare with the balance (millicredits), and the workflow's name. */
export interface WorkflowRange {
  expected: number;
  max: number;
  name: string | null;
}

/** n8n's `versionId`, or, for a workflow without one, a hash of what is priced (its nodes and connections). */
export function workflowVersion(workflow: PricedWorkflow): string {
  if (typeof workflow.versionId === 'string' && workflow.versionId !== '') return workflow.versionId;
  return `sha256:${createHash('sha256').update(JSON.stringify([workflow.nodes, workflow.connections])).digest('hex')}`;
}

/**
 * Estimates of workflow versions, priced once each with `analyzeWorkflow`: a saved workflow's version never
 * changes, so its estimate does not either. Keyed by workspace, price book, workflow id and version (a plan
 * naming another price book prices anew); past `capacity` the least recently used is forgotten.
 */
export class WorkflowEstimates {
  private readonly entries = new Map<string, WorkflowRange>();

  constructor(private readonly capacity = 1000) {}

  private static key(workspaceId: string, priceBook: string, workflowId: string, versionId: string): string {
    return JSON.stringify([workspaceId, priceBook, workflowId, versionId]);
  }

  /** The estimate priced before for this version, or undefined. */
  get(workspaceId: string, priceBook: string, workflowId: string, versionId: string): WorkflowRange | undefined {
    const key = WorkflowEstimates.key(workspaceId, priceBook, workflowId, versionId);
    const range = this.entries.get(key);
    if (range) {
      // Most recently used last: the first key is the one to forget.
      this.entries.delete(key);
      this.entries.set(key, range);
    }
    return range;
  }

  /** The estimate of `workflow`, priced by `analyze` (its nodes and connections) unless this version was priced before. */
  async price(
    workspaceId: string, priceBook: string, workflow: PricedWorkflow,
    analyze: (priced: { nodes: unknown[]; connections: object }) => Promise<AnalysisResult>,
  ): Promise<{ range: WorkflowRange; versionId: string }> {
    const versionId = workflowVersion(workflow);
    const workflowId = workflow.id ?? '';
    const known = this.get(workspaceId, priceBook, workflowId, versionId);
    if (known) return { range: known, versionId };
    const { expected, max } = (await analyze({ nodes: workflow.nodes, connections: workflow.connections })).perExecution;
    const range = { expected, max, name: workflow.name ?? null };
    this.entries.set(WorkflowEstimates.key(workspaceId, priceBook, workflowId, versionId), range);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return { range, versionId };
  }

  get size(): number {
    return this.entries.size;
  }
}
