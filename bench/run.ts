/**
 * `npm run bench -- <name> [args]` runs bench/<name>.bench.ts with the given arguments;
 * `npm run bench` alone runs every benchmark in turn. Each prints ratios measured in one run.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const benchDir = __dirname;
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();

function runOne(name: string, args: string[]): number {
  if (!available.includes(name)) {
    console.error(`unknown benchmark "${name}"; available: ${available.join(', ') || 'none'}`);
    return 2;
  }
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(benchDir, `${name}.bench.ts`), ...args], { stdio: 'inherit' });
  return result.status ?? 1;
}

const [name, ...args] = process.argv.slice(2);
if (name) process.exit(runOne(name, args));
let failed = 0;
for (const each of available) {
  console.log(`\n=== bench: ${each} ===`);
  if (runOne(each, []) !== 0) failed++;
}
process.exit(failed ? 1 : 0);
