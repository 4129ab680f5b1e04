/**
 * Captures run-data fixtures from n8n's real engine (in-process, see test/support/n8n-engine):
 * runs every `test/fixtures/run-data/*.workflow.json` (or the folder given) and writes beside
 * it `<name>.run.json`, or `<name>-parked.run.json` + `<name>-resumed.run.json` for a workflow
 * that parks on a Wait node. Usage: `npx tsx scripts/capture-run-data.ts [folder] [name…]`.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { captureFixture, loadCoreNodeTypes, summarizeRun } from '../test/support/n8n-engine';

const DEFAULT_FOLDER = resolve(__dirname, '..', 'test', 'fixtures', 'run-data');

async function main(argv: string[]): Promise<void> {
  const [folder = DEFAULT_FOLDER, ...only] = argv;
  const workflows = readdirSync(folder)
    .filter((file) => file.endsWith('.workflow.json'))
    .filter((file) => only.length === 0 || only.includes(file.replace(/\.workflow\.json$/, '')))
    .sort();
  if (workflows.length === 0) throw new Error(`No *.workflow.json to capture in ${folder}`);
  const nodeTypes = await loadCoreNodeTypes();
  for (const file of workflows) {
    const fixtures = await captureFixture(join(folder, file), nodeTypes);
    for (const [name, fixture] of Object.entries(fixtures)) {
      writeFileSync(join(folder, name), `${JSON.stringify(fixture, null, 2)}\n`);
      const runs = Object.entries(summarizeRun(fixture)).map(([node, s]) => `${node}×${s.runs}`);
      console.log(`${name}: ${fixture.status}, ${runs.join(', ')}`);
    }
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
