import { WorkflowExecute } from 'n8n-core';
import { EXECUTE_WORKFLOW_TRIGGER_NODE_TYPE, createRunExecutionData } from 'n8n-workflow';
import type { INodeExecutionData, IRun, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { prepareExecution, type ExecutionOptions, type WorkflowJson } from './prepare-execution';
import type { EngineRun } from './run-workflow';

/** Sub-workflows a test makes callable, by workflow id, plus what child runs get. */
export interface SubWorkflowOptions extends Omit<ExecutionOptions, 'executeWorkflow' | 'executionId' | 'mode'> {
  workflows: Record<string, WorkflowJson>;
  /** Called with every child execution once it stops (to assert on or price its run data). */
  onChildRun?: (child: EngineRun & { parentExecutionId?: string }) => void;
}

/**
 * An `executeWorkflow` handler for `runWorkflow` options, so Execute Workflow nodes (and our
 * Metered Sub-workflow) can call sub-workflows in-process, as n8n's CLI does: the child starts
 * at its Execute Workflow Trigger with the caller's items, runs in mode `integrated` (unless the
 * caller says otherwise) under a new execution id, and its last node's output is returned —
 * all runs concatenated per output, or the last run only when asked. A failed child throws its
 * error into the calling node. Workflows are found by id, or passed inline as `code`.
 */
export function createSubWorkflowRunner(options: SubWorkflowOptions): IWorkflowExecuteAdditionalData['executeWorkflow'] {
  const executeWorkflow: IWorkflowExecuteAdditionalData['executeWorkflow'] = async (info, _parentData, call) => {
    const json = info.code ?? (info.id === undefined ? undefined : options.workflows[info.id]);
    if (json === undefined) throw new Error(`No sub-workflow with id "${info.id ?? ''}" was given to the test engine`);
    const start = json.nodes.find((node) => node.type === EXECUTE_WORKFLOW_TRIGGER_NODE_TYPE && node.disabled !== true);
    if (start === undefined) throw new Error(`Sub-workflow "${json.name ?? info.id ?? ''}" has no enabled Execute Workflow Trigger`);

    const prepared = prepareExecution(json, { ...options, executeWorkflow, mode: call.executionMode ?? 'integrated' });
    const items = call.inputData ?? [{ json: {} }];
    const runData = createRunExecutionData({
      executionData: { nodeExecutionStack: [{ node: start, data: { main: [items] }, source: null }] },
      parentExecution: call.parentExecution,
    });
    const run = await new WorkflowExecute(prepared.additionalData, prepared.mode, runData).processRunExecutionData(prepared.workflow);
    options.onChildRun?.({ run, executionId: prepared.executionId, nodeExecutionOrder: prepared.nodeExecutionOrder, parentExecutionId: call.parentExecution?.executionId });

    if (run.data.resultData.error) throw run.data.resultData.error;
    return { executionId: prepared.executionId, data: lastNodeOutput(run, call.returnLastRunOnly === true), waitTill: run.waitTill };
  };
  return executeWorkflow;
}

/** The output of the child's last executed node, as `ExecuteWorkflowData.data` describes it. */
function lastNodeOutput(run: IRun, lastRunOnly: boolean): Array<INodeExecutionData[] | null> {
  const { lastNodeExecuted, runData } = run.data.resultData;
  const runs = lastNodeExecuted === undefined ? [] : (runData[lastNodeExecuted] ?? []);
  const chosen = lastRunOnly ? runs.slice(-1) : runs;
  const outputs: Array<INodeExecutionData[] | null> = [];
  for (const task of chosen) {
    (task.data?.main ?? []).forEach((items, index) => {
      outputs[index] = [...(outputs[index] ?? []), ...(items ?? [])];
    });
  }
  return outputs;
}
