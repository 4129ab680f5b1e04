import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { INodeTypes, IRun } from 'n8n-workflow';
import { ensureNodesBasePackage } from './nodes-base-package';
import type { WorkflowJson } from './prepare-execution';
import { resumeWorkflow } from './resume-workflow';
import { runWorkflow, type EngineRun } from './run-workflow';

/** A `<name>.run.json` file: the IRun exactly as the engine returned it, plus where it came from. */
export type RunFixture = IRun & {
  executionId: string;
  /** The workflow file it ran, and the package versions that ran it. */
  capturedFrom: { workflow: string; versions: Record<string, string> };
};

/**
 * Runs one `<name>.workflow.json` in the engine and returns the fixtures to write, by file
 * name: `<name>.run.json`; or, when the run parks on a Wait node, `<name>-parked.run.json` and
 * `<name>-resumed.run.json` (resumed from the parked data, as n8n does when the wait ends).
 * The execution id is derived from the name, so re-captures keep the same idempotency keys.
 * Timestamps (`startedAt`, `startTime`, `executionTime`, `waitTill`) are kept as captured.
 */
export async function captureFixture(workflowPath: string, nodeTypes: INodeTypes): Promise<Record<string, RunFixture>> {
  const name = basename(workflowPath).replace(/\.workflow\.json$/, '');
  const workflow = JSON.parse(readFileSync(workflowPath, 'utf8')) as WorkflowJson;
  const options = { nodeTypes, executionId: fixtureExecutionId(name) };
  const toFixture = (engineRun: EngineRun): RunFixture => ({
    executionId: engineRun.executionId,
    capturedFrom: { workflow: basename(workflowPath), versions: engineVersions() },
    // A JSON round trip turns errors into the plain objects n8n stores and serves. Their stack
    // traces are dropped: they hold this machine's paths and change with every n8n patch.
    ...(JSON.parse(JSON.stringify(engineRun.run, (key, value: unknown) => (key === 'stack' ? undefined : value))) as IRun),
  });

  const first = await runWorkflow(workflow, options);
  if (first.run.status !== 'waiting') return { [`${name}.run.json`]: toFixture(first) };
  const resumed = await resumeWorkflow(workflow, first, options);
  return { [`${name}-parked.run.json`]: toFixture(first), [`${name}-resumed.run.json`]: toFixture(resumed) };
}

/** A stable numeric id per fixture name (n8n's ids are numeric strings). */
export function fixtureExecutionId(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) % 900_000;
  return String(100_000 + hash);
}

function engineVersions(): Record<string, string> {
  const version = (packageJson: string): string => (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  return {
    'n8n-core': version(require.resolve('n8n-core/package.json')),
    'n8n-workflow': version(join(require.resolve('n8n-workflow'), '..', '..', '..', 'package.json')),
    'n8n-nodes-base': version(join(ensureNodesBasePackage(), 'package.json')),
    node: process.version,
  };
}
