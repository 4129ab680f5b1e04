import { WorkflowExecute } from 'n8n-core';
import type { IRun } from 'n8n-workflow';
import { prepareExecution, type ExecutionOptions, type WorkflowJson } from './prepare-execution';

/** One finished (or parked) execution as the engine left it. */
export interface EngineRun {
  /** n8n's result: `data.resultData.runData[node][runIndex]`, `status`, `mode`, `waitTill`… */
  run: IRun;
  executionId: string;
  /** Node names in the order the engine started them, one entry per node run. */
  nodeExecutionOrder: string[];
}

/**
 * Runs `json` from its start node in n8n's real engine (`WorkflowExecute.run`), in-process,
 * and resolves when the engine stops: finished (`success`/`error`) or parked on a Wait node
 * (`waiting`, with `run.waitTill`). Node failures are results, not rejections.
 */
export async function runWorkflow(json: WorkflowJson, options: ExecutionOptions): Promise<EngineRun> {
  const prepared = prepareExecution(json, options);
  const engine = new WorkflowExecute(prepared.additionalData, prepared.mode);
  const run = await engine.run({ workflow: prepared.workflow });
  return { run, executionId: prepared.executionId, nodeExecutionOrder: prepared.nodeExecutionOrder };
}
