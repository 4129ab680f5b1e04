// Sets N8N_USER_FOLDER before n8n-core first reads it, however this module is reached.
import './environment';
import { ExecutionLifecycleHooks } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type { IConnections, INode, INodeTypes, IPinData, IWorkflowBase, IWorkflowExecuteAdditionalData, IWorkflowSettings, WorkflowExecuteMode } from 'n8n-workflow';
import { createAdditionalData, type AdditionalDataOptions } from './additional-data';
import { executionStore } from './execution-store';

/** A workflow as n8n exports it (the editor's "Download" JSON); only nodes and connections are required. */
export interface WorkflowJson {
  id?: string;
  name?: string;
  nodes: INode[];
  connections: IConnections;
  settings?: IWorkflowSettings;
  pinData?: IPinData;
  staticData?: IWorkflowBase['staticData'];
}

/** Options shared by `runWorkflow` and `resumeWorkflow`. */
export interface ExecutionOptions extends Partial<Omit<AdditionalDataOptions, 'hooks' | 'executionId'>> {
  nodeTypes: INodeTypes;
  /** n8n's execution mode; 'manual' is an editor run, 'trigger'/'webhook' production runs. Default 'manual'. */
  mode?: WorkflowExecuteMode;
  /** Default: a fresh numeric id, like n8n's. Pass one to get stable fixtures or idempotency tests. */
  executionId?: string;
  /** Add your own lifecycle hook handlers (e.g. a metering hook) before the run starts. */
  configureHooks?: (hooks: ExecutionLifecycleHooks) => void;
}

/** Everything one execution needs, built the same way for a first run and for a resume. */
export interface PreparedExecution {
  workflow: Workflow;
  additionalData: IWorkflowExecuteAdditionalData;
  executionId: string;
  mode: WorkflowExecuteMode;
  /** Node names in the order the engine started them (one entry per node run). */
  nodeExecutionOrder: string[];
}

let lastExecutionId = 1000;

/** Builds the `Workflow`, lifecycle hooks and additional data for one execution of `json`. */
export function prepareExecution(json: WorkflowJson, options: ExecutionOptions): PreparedExecution {
  const mode = options.mode ?? 'manual';
  const executionId = options.executionId ?? String(++lastExecutionId);
  const workflowData: IWorkflowBase = {
    id: json.id ?? 'test-workflow',
    name: json.name ?? 'test workflow',
    active: false,
    isArchived: false,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    nodes: json.nodes,
    connections: json.connections,
    settings: json.settings,
    pinData: json.pinData,
    staticData: json.staticData,
  } as IWorkflowBase;
  const workflow = new Workflow({
    id: workflowData.id,
    name: workflowData.name,
    nodes: json.nodes,
    connections: json.connections,
    active: false,
    nodeTypes: options.nodeTypes,
    settings: json.settings,
    pinData: json.pinData,
    staticData: json.staticData,
  });

  const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
  const nodeExecutionOrder: string[] = [];
  hooks.addHandler('nodeExecuteBefore', (nodeName) => {
    nodeExecutionOrder.push(nodeName);
  });
  // Kept like n8n's database keeps it, for `getRunExecutionData` (parked runs are saved too).
  hooks.addHandler('workflowExecuteAfter', (run) => {
    executionStore.set(executionId, run.data);
  });
  options.configureHooks?.(hooks);

  const additionalData = createAdditionalData({ ...options, executionId, hooks });
  return { workflow, additionalData, executionId, mode, nodeExecutionOrder };
}
