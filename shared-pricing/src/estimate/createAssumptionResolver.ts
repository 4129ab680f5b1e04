import { messages } from '../errors';
import { DEFAULT_ASSUMPTIONS, isValidAssumption } from './defaultAssumptions';
import { parseNoteAssumptions } from './parseNoteAssumptions';
import type { ParsedNode } from './parseWorkflowText';
import type { AssumptionConfig, AssumptionSource, AssumptionUse, Assumptions, Finding } from './types';

/** Looks up assumptions and remembers each one used, with its source. */
export interface AssumptionResolver {
  /** The value for `name` (for `node` when given); `fallback` replaces the built-in default. */
  get(name: string, node?: ParsedNode, fallback?: number): number;
  /** The value only when someone set it (config or notes); never a default, never recorded when absent. */
  override(name: string, node: ParsedNode): number | undefined;
  /** Every assumption used so far. */
  readonly uses: AssumptionUse[];
}

const ITEM_NAMES = new Set(['itemsPerTrigger', 'itemsPerFanOut', 'itemsPerRun']);

/**
 * Builds the resolver for one workflow. Precedence, first valid value wins: the node's notes,
 * `workflows[wf].nodes[node]`, `nodes[node]`, `workflows[wf]`, `defaults`, the built-in default.
 * `workflowKeys` are the names the workflow may be listed under (name, id, file name).
 */
export function createAssumptionResolver(config: AssumptionConfig | undefined, workflowKeys: string[], findings: Finding[]): AssumptionResolver {
  const workflow = workflowKeys.map((k) => config?.workflows?.[k]).find((w) => w !== undefined);
  const uses: AssumptionUse[] = [];
  const seen = new Set<string>();
  const notesCache = new Map<ParsedNode, Record<string, number>>();

  const notesOf = (node: ParsedNode): Record<string, number> => {
    let values = notesCache.get(node);
    if (!values) {
      const parsed = parseNoteAssumptions(node.notes);
      values = parsed.values;
      for (const bad of parsed.problems) findings.push({ ruleId: 'estimate/bad-assumption', severity: 'warning', range: node.range, node: node.name, message: messages.badAssumption('notes', bad, `"${node.name}" notes`, 'key=number with key items, share, iterations, input, output or runs') });
      notesCache.set(node, values);
    }
    return values;
  };

  const lookup = (name: string, node: ParsedNode | undefined): { value: number; source: AssumptionSource } | undefined => {
    const layers: Array<[AssumptionSource, string, Assumptions | Record<string, number> | undefined]> = [];
    if (node) {
      const notes = notesOf(node);
      layers.push(['notes', `"${node.name}" notes`, ITEM_NAMES.has(name) && notes.items !== undefined ? { [name]: notes.items } : notes]);
      layers.push(['config-node', `workflows.${workflowKeys[0]}.nodes.${node.name}`, workflow?.nodes?.[node.name]]);
      layers.push(['config-node', `nodes.${node.name}`, config?.nodes?.[node.name]]);
    }
    layers.push(['config-workflow', `workflows.${workflowKeys[0]}`, workflow], ['config', 'defaults', config?.defaults]);
    for (const [source, where, layer] of layers) {
      const value = (layer as Record<string, unknown> | undefined)?.[name];
      if (value === undefined) continue;
      if (isValidAssumption(name, value)) return { value: value as number, source };
      findings.push({ ruleId: 'estimate/bad-assumption', severity: 'warning', range: node?.range ?? { offset: 0, length: 0, line: 1 }, node: node?.name, message: messages.badAssumption(name, value, where, name === 'branchShare' ? 'a number from 0 to 1' : name === 'branchShares' ? 'a list of numbers from 0 to 1' : name === 'agentIterations' ? 'a number ≥ 1' : 'a number ≥ 0') });
    }
    return undefined;
  };

  const record = (name: string, node: ParsedNode | undefined, value: number, source: AssumptionSource): void => {
    const key = `${name}\u0000${node?.name ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    const howToChange = node
      ? `add "credits: ${noteKey(name)}=…" to the notes of "${node.name}", or set nodes["${node.name}"].${name} in .n8n-credits.json`
      : `set defaults.${name} (or workflows["…"].${name}) in .n8n-credits.json`;
    uses.push({ name, value: Array.isArray(value) ? (value[0] as number) : value, values: Array.isArray(value) ? (value as number[]) : undefined, source, node: node?.name, howToChange, unbounded: ITEM_NAMES.has(name) && source === 'default' ? true : undefined });
  };

  return {
    uses,
    get(name, node, fallback) {
      const found = lookup(name, node);
      const value = found?.value ?? fallback ?? (DEFAULT_ASSUMPTIONS as Record<string, number>)[name] ?? 0;
      record(name, node, value, found?.source ?? 'default');
      return value;
    },
    override(name, node) {
      const found = lookup(name, node);
      if (found) record(name, node, found.value, found.source);
      return found?.value;
    },
  };
}

function noteKey(name: string): string {
  if (ITEM_NAMES.has(name)) return 'items';
  return { branchShare: 'share', agentIterations: 'iterations', inputTokensPerCall: 'input', outputTokensPerCall: 'output', runsPerMonth: 'runs' }[name] ?? name;
}
