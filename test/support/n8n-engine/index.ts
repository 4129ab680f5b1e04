// The environment must be set before n8n-core reads it, so this import stays first.
import './environment';

export { prepareEngineEnvironment } from './environment';
export { ensureNodesBasePackage, CORE_NODE_DEPENDENCIES, DEFAULT_NODES_BASE_CACHE } from './nodes-base-package';
export { loadNodeTypes } from './load-node-types';
export { loadCoreNodeTypes } from './core-node-types';
export { createAdditionalData, type AdditionalDataOptions } from './additional-data';
export { startRunnerTask } from './code-task-runner';
export { prepareExecution, type ExecutionOptions, type PreparedExecution, type WorkflowJson } from './prepare-execution';
export { runWorkflow, type EngineRun } from './run-workflow';
export { resumeWorkflow } from './resume-workflow';
export { summarizeRun, type NodeRunSummary } from './summarize-run';
export { captureFixture, fixtureExecutionId, type RunFixture } from './capture-fixture';
export { executionStore } from './execution-store';
export { createSubWorkflowRunner, type SubWorkflowOptions } from './sub-workflows';
