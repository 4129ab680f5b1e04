import type { ValidationIssue } from './validation/types';

/** A value as it appears in a message: JSON, except numbers JSON cannot write (NaN, Infinity) and bigints; long values are cut. */
function shown(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  text ??= String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/**
 * Every error message the pricing core produces, in one place, so wording stays consistent
 * and callers can match on `code` rather than on text.
 */
export const messages = {
  notInteger: (what: string, value: unknown) => `${what} must be an integer number of millicredits ≥ 0, got ${JSON.stringify(value)}`,
  invalidDocument: (kind: string, issues: ValidationIssue[]) =>
    `${kind} is not valid:\n` + issues.map((i) => `  ${i.path}: ${i.message}`).join('\n'),
  invalidJson: (kind: string, line: number, column: number, problem: string) =>
    `${kind} is not valid JSON at line ${line}, column ${column}: ${problem}`,
  unknownPreset: (kind: string, name: string, known: string[]) =>
    `unknown ${kind} preset "${name}"; known presets: ${known.join(', ')}`,
  unknownClass: (className: string) => `price book has no class "${className}"`,
  duplicateModelName: (name: string, owner: string) => `"${name}" already names model "${owner}"; a model name or exact alias may appear once`,
  extendsCycle: (name: string, chain: string[]) => `"${name}" extends itself through ${[...chain, name].join(' → ')}`,
  badTokenCount: (path: string, value: unknown) => `${path} must be a whole number of tokens ≥ 0, got ${shown(value)}`,
  badTokens: (tokens: unknown) => `a token count must be a finite number ≥ 0, got ${JSON.stringify(tokens)}`,
  notWholeAmount: (value: unknown) => `an amount must be a whole number of millicredits, got ${JSON.stringify(value)}`,
  // Workflow estimation (shared-pricing/src/estimate).
  notAWorkflow: (reason: string) => `not an n8n workflow: ${reason}`,
  tooDeeplyNested: (kind: string, limit: number) => `${kind} nests arrays and objects deeper than ${limit} levels; it is not read`,
  badConnections: () => '"connections" is not an object; no node is connected',
  badNode: (index: number, reason: string) => `nodes[${index}] is skipped: ${reason}`,
  duplicateNode: (name: string) => `more than one node is named "${name}"; connections reach only one of them`,
  missingConnectionTarget: (from: string, to: string) => `"${from}" is connected to "${to}", which is not a node of this workflow`,
  missingConnectionSource: (from: string) => `connections list "${from}", which is not a node of this workflow`,
  cycleOutsideLoop: (nodes: string[]) => `connections form a cycle outside a Loop Over Items node (${nodes.join(' → ')}); each node on it is counted once per pass and the cycle is not followed`,
  badBatchSize: (node: string, value: unknown) => `"${node}" has batch size ${JSON.stringify(value)}; n8n needs at least 1, so 1 is assumed`,
  badAssumption: (name: string, value: unknown, where: string, expected: string) => `${where}: ${name} = ${JSON.stringify(value)} is ignored; expected ${expected}`,
  unreachable: (node: string) => `"${node}" is not reachable from a trigger; it never runs in a triggered execution and is counted as 0`,
  noTrigger: () => 'the workflow has no trigger; nodes without inputs are treated as its start, run once per execution',
  subWorkflowNotFound: (node: string, ref: string) => `"${node}" calls workflow ${ref}, which was not found; its cost is not included`,
  subWorkflowCycle: (chain: string[]) => `sub-workflow calls form a cycle (${chain.join(' → ')}); the repeated call is not included again`,
  subWorkflowInvalid: (node: string, ref: string) => `"${node}" calls workflow ${ref}, which is not a valid workflow; its cost is not included`,
  badSchedule: (node: string, reason: string) => `"${node}": ${reason}`,
  badCron: (expression: string, reason: string) => `cron expression "${expression}": ${reason}`,
  loopWithoutReset: (node: string) => `"${node}" is inside another loop but has no "Reset" option: n8n processes only the items of its first entry and finishes later entries at once; the estimate counts it as restarting for each entry (set Reset to an expression such as {{ $prevNode.name === '…' }})`,
  loopResetAlways: (node: string) => `"${node}" has "Reset" always on, so it also restarts on the batch fed back and loops until n8n stops it; the estimate counts one pass over its items (set Reset to an expression that is true only for new input)`,
  estimateOverflow: () => 'items multiply without bound (fan-outs in a chain or in loops); counts and amounts are held at their caps, so the estimate is a floor of what could happen',
  badUnits: (units: unknown) => `units must be a whole number ≥ 0, got ${JSON.stringify(units)}`,
  tokensNeedModel: () => 'a "tokens" class is priced by its model: give priceUnit the tokens and the model\'s rate, not units',
  unitsNeedCount: (unit: string) => `a "${unit}" class is priced by units, not by tokens`,
  badCredits: (value: unknown) => `expected a number of credits ≥ 0 (such as 1.5), got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`,
  badExecution: (problem: string) => `cannot price this execution: ${problem}`,
} as const;

export type PricingErrorCode = 'not-integer' | 'invalid-document' | 'invalid-json' | 'unknown-preset' | 'invariant';

/** Thrown for programmer errors and invalid documents; expected outcomes are returned as values instead. */
export class PricingError extends Error {
  constructor(
    readonly code: PricingErrorCode,
    message: string,
    readonly issues: ValidationIssue[] = [],
  ) {
    super(message);
    this.name = 'PricingError';
  }
}
