/**
 * Model-based tests: random sequences of operations and clock moves on each store and on the
 * HTTP API over each, checked after every step against the reference model. `npm test` runs a
 * modest number within ~60 s; `npm run test:model -- --runs N --store X` runs more.
 */
import { runModel } from './runModel';
import type { TargetName } from './targets';

/** Sequences per target, by its measured speed (~10, 20, 34, 39 ms a command); MODEL_RUNS overrides. */
const RUNS: Record<TargetName, number> = { sqlite: 40, 'http-sqlite': 25, postgres: 15, 'http-postgres': 12 };

describe('ledger against its reference model', function () {
  this.timeout(120_000);
  for (const target of Object.keys(RUNS) as TargetName[]) {
    it(`keeps ${target} equal to the model over random sequences`, async () => {
      const runs = Number(process.env.MODEL_RUNS ?? RUNS[target]);
      const r = await runModel({ target, runs, maxCommands: 40, timeLimitMs: 14_000 });
      console.log(`      model: ${r.sequences} sequences, ${r.commands} commands, store ${r.target} (${(r.ms / 1000).toFixed(1)} s)`);
    });
  }
});
