import { analyzeWorkflow } from '../../../../shared-pricing/src/estimate/analyzeWorkflow';
import { priceBookNamed } from '../pricing';

/** What one analysis is asked: the workflow's JSON text and the name of the price book to price it with. */
export interface AnalysisJob {
  text: string;
  priceBook: string;
}

/** What the routes need of an analysis (millicredits per execution); small, so it crosses threads cheaply. */
export interface AnalysisResult {
  perExecution: { expected: number; min: number; max: number };
  nodes: Array<{ name: string; type: string; millicredits: number }>;
}

/** Runs one analysis: in a worker thread (./worker.ts), or inline when the pool has no workers. */
export function runAnalysis(job: AnalysisJob): AnalysisResult {
  const analysis = analyzeWorkflow(job.text, priceBookNamed(job.priceBook));
  const { expected, min, max } = analysis.perExecution;
  return {
    perExecution: { expected, min, max },
    nodes: analysis.nodes.map((n) => ({ name: n.name, type: n.type, millicredits: n.credits.expected })),
  };
}
