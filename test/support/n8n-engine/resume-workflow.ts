import { WorkflowExecute } from 'n8n-core';
import { prepareExecution, type ExecutionOptions, type WorkflowJson } from './prepare-execution';
import type { EngineRun } from './run-workflow';

/**
 * Resumes an execution parked on a Wait node, as n8n does when its wait ends: the saved run
 * data goes back into `WorkflowExecute` and `processRunExecutionData` carries on from the
 * parked node (the engine then lets that node pass its input through and replaces its parked
 * run entry). The wait is not slept out; the resume happens now. Same execution id and mode.
 */
export async function resumeWorkflow(json: WorkflowJson, parked: EngineRun, options: ExecutionOptions): Promise<EngineRun> {
  if (parked.run.status !== 'waiting') {
    throw new Error(`Only a waiting execution can be resumed; execution ${parked.executionId} is "${parked.run.status}"`);
  }
  const prepared = prepareExecution(json, { ...options, mode: parked.run.mode, executionId: parked.executionId });
  // n8n reloads a parked execution from its database, i.e. from serialized data; a JSON round
  // trip does the same and keeps the parked run unchanged (the engine mutates what it resumes).
  const saved = JSON.parse(JSON.stringify(parked.run.data)) as typeof parked.run.data;
  const engine = new WorkflowExecute(prepared.additionalData, prepared.mode, saved);
  const run = await engine.processRunExecutionData(prepared.workflow);
  return { run, executionId: prepared.executionId, nodeExecutionOrder: prepared.nodeExecutionOrder };
}
