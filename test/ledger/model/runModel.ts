/**
 * Runs command sequences against one target: a fresh workspace per sequence (random plan, zone,
 * anchor, start time), the model beside it. Shared by the mocha file and `npm run test:model`.
 */
import fc from 'fast-check';
import { commandArbitraries, assertState, type World } from './commands';
import { PLANS, PLAN_NAMES } from './plans';
import { ReferenceModel, type WorkspaceSpec } from './referenceModel';
import { openTarget, type Clock, type TargetName } from './targets';

export const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Tokyo', 'Pacific/Chatham', 'UTC'];

export interface RunOptions {
  target: TargetName;
  runs: number;
  maxCommands?: number;
  seed?: number;
  path?: string;
  /** Stop starting new sequences (or shrinking) after this long; a run cut short is not a failure. */
  timeLimitMs?: number;
  /** fast-check's `replayPath` comment of a counterexample (commands need it besides seed and path). */
  replayPath?: string;
  /** Time zones to draw from (default: all of ZONES). */
  zones?: string[];
}

export interface RunReport {
  target: TargetName;
  sequences: number;
  commands: number;
  ms: number;
}

/** A workspace and when it is created; printed by plan name so a counterexample stays short. */
interface Setup {
  planName: string;
  timeZone: string;
  anchorDay: number;
  anchorMonth: number;
  start: string;
}

const setup = (zones: string[]): fc.Arbitrary<Setup> => fc.record({
  planName: fc.constantFrom(...PLAN_NAMES),
  timeZone: fc.constantFrom(...zones),
  anchorDay: fc.oneof(fc.constantFrom(1, 28, 29, 30, 31), fc.integer({ min: 1, max: 31 })),
  anchorMonth: fc.integer({ min: 1, max: 12 }),
  start: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 11, 31) }).map((t) => new Date(t).toISOString()),
});

/** Runs `runs` sequences; throws fast-check's report (seed, path, shrunk commands) on the first mismatch. */
export async function runModel(options: RunOptions): Promise<RunReport> {
  const clock: Clock = { t: Date.UTC(2026, 0, 1) };
  const target = await openTarget(options.target, clock);
  const stats = { commands: 0 };
  let sequences = 0;
  const began = Date.now();
  try {
    const property = fc.asyncProperty(setup(options.zones ?? ZONES), fc.commands(commandArbitraries, { maxCommands: options.maxCommands ?? 60, size: 'max', replayPath: options.replayPath }), async (s, cmds) => {
      sequences++;
      const spec: WorkspaceSpec = { plan: PLANS[s.planName]!, timeZone: s.timeZone, anchorDay: s.anchorDay, anchorMonth: s.anchorMonth };
      const t0 = Date.parse(s.start);
      clock.t = t0;
      const id = `ws-${sequences}-${Math.random().toString(36).slice(2, 8)}`;
      const system = await target.open(spec, id);
      const world: World = { model: new ReferenceModel(spec, t0), clock, zone: spec.timeZone, posted: [], stats };
      await assertState(world, system, `createWorkspace(${spec.plan.name}, ${spec.timeZone}, anchor ${spec.anchorDay}/${spec.anchorMonth}, ${new Date(t0).toISOString()})`);
      await fc.asyncModelRun(() => ({ model: world, real: system }), cmds);
    });
    await fc.assert(property, { numRuns: options.runs, seed: options.seed, path: options.path, verbose: 0, interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false });
  } finally {
    await target.close();
  }
  return { target: options.target, sequences, commands: stats.commands, ms: Date.now() - began };
}
