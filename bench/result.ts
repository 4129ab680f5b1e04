/**
 * The machine-readable result of one benchmark: a last line `BENCH_RESULT {json}` that
 * `npm run bench` (bench/run.ts) collects into one table. Benchmarks still print their own
 * human-readable lines; this adds one line at the end.
 */

export interface Figure {
  /** What was measured, e.g. "HTTP batched charges, 8 clients". */
  name: string;
  value: number;
  /** "charges/s", "ms", "×", "MiB" … */
  unit: string;
  /** The target in words, e.g. "≥ 20,000/s"; omitted for figures without one. */
  target?: string;
  /** Whether the target was met; omitted for figures without one. */
  ok?: boolean;
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

/** Prints the result line of benchmark `bench`. */
export function reportResult(bench: string, figures: Figure[], notes: string[] = []): void {
  console.log(RESULT_PREFIX + JSON.stringify({ bench, figures, notes }));
}
