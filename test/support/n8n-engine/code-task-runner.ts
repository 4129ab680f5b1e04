import { runInNewContext } from 'node:vm';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

/** The settings the Code node sends with a `javascript` job (see its JsTaskRunnerSandbox). */
interface JsJobSettings {
  code: string;
  nodeMode: 'runOnceForAllItems' | 'runOnceForEachItem';
  continueOnFail: boolean;
  chunk?: { startIndex: number; count: number };
}

/** What the runner reports for code that threw: n8n shows `message`, with `description` below. */
interface TaskError {
  message: string;
  description: string | null;
  lineNumber?: number;
  itemIndex?: number;
  context?: { itemIndex: number };
  stack: string;
}

type TaskResult = { ok: true; result: unknown } | { ok: false; error: TaskError };

/**
 * An in-process stand-in for n8n's JavaScript task runner, plugged in as
 * `additionalData.startRunnerTask`. n8n 2.x's Code node never runs code itself: it sends a job
 * to a separate runner process, which is not available here. This runs the job the way that
 * runner does — the code wrapped in an async function inside a fresh `node:vm` context that
 * holds the workflow data proxy (`$input`, `$json`, `$('Node')`, `items`, …) — and answers
 * with the same `{ ok, result | error }` shape, so the Code node's own validation and error
 * handling run unchanged. Not a sandbox: fixtures are trusted test code. No `require`.
 */
export const startRunnerTask = (async (
  _additionalData: IWorkflowExecuteAdditionalData,
  jobType: string,
  settings: unknown,
  executeFunctions: IExecuteFunctions,
): Promise<TaskResult> => {
  if (jobType !== 'javascript') {
    const message = `The test engine runs only JavaScript Code jobs, not "${jobType}"`;
    return { ok: false, error: { message, description: null, stack: '' } };
  }
  const job = settings as JsJobSettings;
  const items = executeFunctions.getInputData();
  if (job.nodeMode === 'runOnceForAllItems') {
    try {
      const result = await runCode(job.code, { ...executeFunctions.getWorkflowDataProxy(0), items });
      return { ok: true, result: overTheWire(result) };
    } catch (error) {
      const failure = toTaskError(error);
      // Under "continue on fail" the runner answers with an error item instead of failing.
      return job.continueOnFail ? { ok: true, result: [{ json: { error: failure.message } }] } : { ok: false, error: failure };
    }
  }
  const start = job.chunk?.startIndex ?? 0;
  const end = start + (job.chunk?.count ?? items.length);
  const results: INodeExecutionData[] = [];
  for (let index = start; index < end; index++) {
    let result: IDataObject | undefined | null;
    try {
      const context = { ...executeFunctions.getWorkflowDataProxy(index), item: items[index], items };
      result = overTheWire(await runCode(job.code, context)) as IDataObject | undefined | null;
    } catch (error) {
      const failure = toTaskError(error, index);
      if (!job.continueOnFail) return { ok: false, error: failure };
      results.push({ json: { error: failure.message }, pairedItem: { item: index } });
      continue;
    }
    if (result === undefined || result === null) continue;
    // Like the real runner: a returned item keeps its binary and is paired with its input.
    const json = (typeof result.json === 'object' && result.json !== null ? result.json : result) as IDataObject;
    results.push({ json, ...(result.binary ? { binary: result.binary as INodeExecutionData['binary'] } : {}), pairedItem: { item: index } });
  }
  return { ok: true, result: results };
}) as unknown as IWorkflowExecuteAdditionalData['startRunnerTask'];

/**
 * The runner's error report: "<message> [line N]" (", for item i" in per-item mode) with the
 * error class as the description. Errors thrown inside the vm come from another realm, so
 * they are read by shape, not with `instanceof Error`.
 */
function toTaskError(thrown: unknown, itemIndex?: number): TaskError {
  const shaped = typeof thrown === 'object' && thrown !== null ? (thrown as { name?: unknown; message?: unknown; stack?: unknown }) : {};
  const message = typeof shaped.message === 'string' ? shaped.message : String(thrown);
  const stack = typeof shaped.stack === 'string' ? shaped.stack : '';
  const line = /\(?Code:(\d+):\d+\)?/.exec(stack)?.[1];
  const lineNumber = line === undefined ? undefined : Number(line);
  const where = [lineNumber === undefined ? undefined : `line ${lineNumber}`, itemIndex === undefined ? undefined : `for item ${itemIndex}`].filter(Boolean).join(', ');
  return {
    message: where === '' ? message : `${message} [${where}]`,
    description: typeof shaped.name === 'string' ? shaped.name : null,
    ...(lineNumber === undefined ? {} : { lineNumber }),
    ...(itemIndex === undefined ? {} : { itemIndex, context: { itemIndex } }),
    stack,
  };
}

async function runCode(code: string, context: object): Promise<unknown> {
  const sandbox = { ...context, module: { exports: undefined as unknown }, console };
  // The user's code starts on line 1 of the file named "Code", so stack lines give its line numbers.
  runInNewContext(`module.exports = async function VmCodeWrapper() {${code}\n}()`, sandbox, { filename: 'Code' });
  return await sandbox.module.exports;
}

/** The real runner sends results to n8n as JSON; doing the same drops the vm realm's prototypes. */
function overTheWire(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
