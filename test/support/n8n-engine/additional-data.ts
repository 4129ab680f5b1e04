import { ExternalSecretsProxy, type ExecutionLifecycleHooks } from 'n8n-core';
import type { ICredentialsHelper, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { startRunnerTask } from './code-task-runner';
import { executionStore } from './execution-store';

/** What a test can supply; everything else gets a safe local default. */
export interface AdditionalDataOptions {
  executionId: string;
  hooks: ExecutionLifecycleHooks;
  /** Runs a sub-workflow for Execute Workflow-style nodes; without it such nodes fail clearly. */
  executeWorkflow?: IWorkflowExecuteAdditionalData['executeWorkflow'];
  /** Credentials for nodes that need them (e.g. our Credits API); none by default. */
  credentialsHelper?: ICredentialsHelper;
  /** `$vars` in expressions. */
  variables?: Record<string, string>;
}

/**
 * Builds the `IWorkflowExecuteAdditionalData` that `WorkflowExecute` needs, as n8n's CLI would
 * for one execution, minus the server: URLs point at 127.0.0.1, Code jobs run in-process
 * (see `code-task-runner.ts`), and anything needing a database or a UI is absent or throws.
 */
export function createAdditionalData(options: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
  const base = 'http://127.0.0.1:5678';
  return {
    executionId: options.executionId,
    hooks: options.hooks,
    credentialsHelper: options.credentialsHelper ?? missingCredentials,
    executeWorkflow:
      options.executeWorkflow ??
      (async () => {
        throw new Error('This test run was started without an executeWorkflow handler, so sub-workflows cannot run');
      }),
    getRunExecutionData: async (id) => executionStore.get(id),
    getRuntimeCredential: async () => undefined,
    startRunnerTask,
    currentNodeExecutionIndex: 0,
    restApiUrl: `${base}/rest`,
    instanceBaseUrl: base,
    formBaseUrl: `${base}/form`,
    formWaitingBaseUrl: `${base}/form-waiting`,
    formTestBaseUrl: `${base}/form-test`,
    webhookBaseUrl: `${base}/webhook`,
    webhookWaitingBaseUrl: `${base}/webhook-waiting`,
    webhookTestBaseUrl: `${base}/webhook-test`,
    mcpBaseUrl: `${base}/mcp`,
    mcpTestBaseUrl: `${base}/mcp-test`,
    variables: options.variables ?? {},
    logAiEvent: () => undefined,
    // No secrets manager: `$secrets` lookups find nothing, as on an instance without one.
    externalSecretsProxy: new ExternalSecretsProxy(),
  };
}

/** A credentials helper for runs that configured none: any credential lookup fails by name. */
const missingCredentials = new Proxy({} as ICredentialsHelper, {
  // `then` stays undefined so that awaiting the helper does not call it.
  get: (_target, method) =>
    method === 'then'
      ? undefined
      : () => {
          throw new Error(`No credentials configured for this test run (credentialsHelper.${String(method)} was called)`);
        },
});
