/**
 * The n8n external hook of n8n Credits. Point n8n at the compiled file:
 *
 *   EXTERNAL_HOOK_FILES=/path/to/n8n-credits/bin/n8n-hook.js   (which re-exports this file's compiled form)
 *   N8N_CREDITS_URL=http://127.0.0.1:5680 N8N_CREDITS_API_KEY=nc_… n8n start
 *
 * n8n reads every export of this file as `{ resource: { operation: [functions] } }`, so it exports `workflow` only.
 */
import { createHook } from './createHook';

const hook = createHook(process.env, { handleExit: true });

/** `workflow.preExecute` refuses executions the plan pauses; `workflow.postExecute` meters every node run. */
export const workflow = hook.hooks.workflow;
