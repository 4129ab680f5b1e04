import type { Assumptions } from './types';

/**
 * The built-in assumption values, documented in `docs/assumptions.md`. Each one is reported
 * with source `default` wherever an estimate rests on it.
 */
export const DEFAULT_ASSUMPTIONS: Readonly<Required<Omit<Assumptions, 'branchShares' | 'itemsPerRun'>>> = Object.freeze({
  itemsPerTrigger: 1,
  itemsPerFanOut: 10,
  branchShare: 0.5,
  agentIterations: 2,
  inputTokensPerCall: 1000,
  outputTokensPerCall: 300,
  runsPerMonth: 1000,
  manualRunsPerMonth: 30,
  maxItems: 1000,
});

/** What each assumption may hold: `share` is 0..1, `count` an integer ≥ 0, `positive` an integer ≥ 1. */
export const ASSUMPTION_KINDS: Readonly<Record<string, 'share' | 'count' | 'positive'>> = Object.freeze({
  itemsPerTrigger: 'count',
  itemsPerFanOut: 'count',
  itemsPerRun: 'count',
  branchShare: 'share',
  agentIterations: 'positive',
  inputTokensPerCall: 'count',
  outputTokensPerCall: 'count',
  runsPerMonth: 'count',
  manualRunsPerMonth: 'count',
  maxItems: 'count',
});

/** Short names accepted in a node's notes (`credits: items=500, share=0.2`). */
export const NOTE_KEYS: Readonly<Record<string, string>> = Object.freeze({
  items: 'items',
  share: 'branchShare',
  iterations: 'agentIterations',
  input: 'inputTokensPerCall',
  output: 'outputTokensPerCall',
  runs: 'runsPerMonth',
});

/** Is `value` acceptable for an assumption of this kind? */
export function isValidAssumption(name: string, value: unknown): boolean {
  if (name === 'branchShares') return Array.isArray(value) && value.length > 0 && value.every((v) => isValidAssumption('branchShare', v));
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  const kind = ASSUMPTION_KINDS[name] ?? 'count';
  if (kind === 'share') return value >= 0 && value <= 1;
  if (kind === 'positive') return value >= 1;
  return value >= 0;
}
