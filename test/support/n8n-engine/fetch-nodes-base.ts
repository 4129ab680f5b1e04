/**
 * Fetches n8n-nodes-base into the test cache if it is missing and prints its directory:
 * `npx tsx test/support/n8n-engine/fetch-nodes-base.ts`. For CI set-up steps, so the first
 * test that runs a workflow does not spend its time on the download.
 */
import { ensureNodesBasePackage } from './nodes-base-package';

try {
  console.log(ensureNodesBasePackage());
} catch (error) {
  console.error(`fetch-nodes-base: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
