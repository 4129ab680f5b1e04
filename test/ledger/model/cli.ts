/**
 * `npm run test:model -- --runs 500 --store sqlite|postgres|http-sqlite|http-postgres|all
 * [--commands 60] [--seed N --path P --replay R] [--zones UTC,Asia/Tokyo] [--measure]`: the model-based tests at any size. `MODEL_RUNS` and
 * `MODEL_STORE` work too. Exit code 1 on the first mismatch, after fast-check's report.
 */
import { collecting } from './compare';
import { runModel } from './runModel';
import { TARGET_NAMES, type TargetName } from './targets';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}

async function main(): Promise<number> {
  const runs = Number(arg('runs') ?? process.env.MODEL_RUNS ?? 100);
  const store = arg('store') ?? process.env.MODEL_STORE ?? 'all';
  const maxCommands = Number(arg('commands') ?? 60);
  const seed = arg('seed') === undefined ? undefined : Number(arg('seed'));
  const targets = store === 'all' ? [...TARGET_NAMES] : [store as TargetName];
  if (!targets.every((t) => (TARGET_NAMES as readonly string[]).includes(t)) || !Number.isInteger(runs) || runs < 1) {
    console.error(`usage: --runs N (≥ 1) --store ${TARGET_NAMES.join('|')}|all`);
    return 2;
  }
  // --measure: run every sequence to its end, counting mismatches instead of stopping at the first (for timing).
  if (process.argv.includes('--measure')) collecting.into = new Map();
  let failed = false;
  for (const target of targets) {
    try {
      const r = await runModel({ target, runs, maxCommands, seed, path: arg('path'), replayPath: arg('replay'), zones: arg('zones')?.split(',') });
      console.log(`model: ${r.sequences} sequences, ${r.commands} commands, store ${r.target} (${(r.ms / 1000).toFixed(1)} s)`);
      if (collecting.into?.size) {
        for (const [k, n] of [...collecting.into].sort((a, b) => b[1] - a[1])) console.log(`  ${n} × ${k}`);
        collecting.into.clear();
      }
    } catch (err) {
      failed = true;
      const cause = err instanceof Error && err.cause instanceof Error ? `\n${err.cause.message}` : '';
      console.log(`model: store ${target} FAILED (replay: --seed S --path P --replay R from the lines below)\n${err instanceof Error ? err.message : String(err)}${cause}`);
    }
  }
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (err) => {
  console.error(err);
  process.exit(1);
});
