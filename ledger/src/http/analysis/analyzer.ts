import type { AnalysisResult } from './job';
import { checkWorkflowSize, type AnalysisLimits } from './limits';
import { AnalysisPool } from './pool';

/** What the routes call to price a workflow: the size limits first, then the analysis in the pool, within its budget. */
export class WorkflowAnalyzer {
  private readonly pool: AnalysisPool;

  constructor(readonly limits: AnalysisLimits) {
    this.pool = new AnalysisPool(limits.workers, limits.timeBudgetMs);
  }

  /** Analyses `workflow` (its JSON, as sent) with the price book preset `priceBook`; an `ApiError` names a crossed limit. */
  async analyze(workflow: { nodes: unknown; connections: unknown }, priceBook: string): Promise<AnalysisResult> {
    checkWorkflowSize(workflow, this.limits);
    return this.pool.analyze({ text: JSON.stringify(workflow), priceBook });
  }

  /** Starts the analysis workers ahead of the first request. */
  warm(): void {
    this.pool.warm();
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
