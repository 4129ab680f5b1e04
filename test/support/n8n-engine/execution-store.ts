import type { IRunExecutionData } from 'n8n-workflow';

/**
 * The run data of every execution the test engine finished or parked in this process, by
 * execution id — what n8n's database answers to `additionalData.getRunExecutionData(id)`
 * (e.g. a parent node reading its sub-workflow's runs). Cleared with `clear()`.
 */
export const executionStore = new Map<string, IRunExecutionData>();
