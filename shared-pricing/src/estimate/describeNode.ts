import { isTriggerType } from '../price-book/isTriggerType';
import type { AssumptionResolver } from './createAssumptionResolver';
import { LOOP_TYPE } from './findLoops';
import type { ParsedNode } from './parseWorkflowText';

/** How a node turns the items it receives into items on its outputs. */
export type Behaviour =
  | { kind: 'trigger'; items: number; assumed: boolean }
  | { kind: 'loop'; batchSize: number }
  | { kind: 'branch'; shares: number[]; words: string }
  | { kind: 'merge'; mode: 'append' | 'widest' | 'choose'; choose: number }
  | { kind: 'fan-out'; perItem: number; words: string }
  | { kind: 'per-run'; items: number; words: string }
  | { kind: 'limit'; max: number }
  | { kind: 'plain' };

/** Triggers that start an execution with exactly one item. */
const ONE_ITEM_TRIGGERS = new Set(['n8n-nodes-base.scheduleTrigger', 'n8n-nodes-base.cron', 'n8n-nodes-base.interval', 'n8n-nodes-base.manualTrigger', 'n8n-nodes-base.start', 'n8n-nodes-base.webhook', 'n8n-nodes-base.formTrigger', '@n8n/n8n-nodes-langchain.chatTrigger', 'n8n-nodes-base.errorTrigger', 'n8n-nodes-base.n8nTrigger']);
const AGGREGATES = new Set(['n8n-nodes-base.aggregate', 'n8n-nodes-base.summarize', 'n8n-nodes-base.convertToFile', 'n8n-nodes-base.spreadsheetFile']);
const FAN_OUT_TYPES = new Set(['n8n-nodes-base.splitOut', 'n8n-nodes-base.rssFeedRead', 'n8n-nodes-base.extractFromFile', 'n8n-nodes-base.xml', 'n8n-nodes-base.htmlExtract']);
const FAN_OUT_OPERATIONS = new Set(['getAll', 'getMany', 'list', 'search', 'splitOutItems', 'readRows', 'read', 'select', 'executeQuery', 'getRows', 'lookup']);

/**
 * Decides a node's item behaviour from its type and parameters, asking the resolver for the
 * assumptions it rests on (items per trigger, items per fan-out, branch shares). A user's
 * `items=` override wins over anything derived. `triggerItems` is set for a sub-workflow
 * entered with a known item count.
 */
export function describeNode(node: ParsedNode, resolver: AssumptionResolver, outputsUsed: number, triggerItems?: number): Behaviour {
  const p = node.parameters;
  if (isTriggerType(node.type)) {
    if (triggerItems !== undefined && node.type === 'n8n-nodes-base.executeWorkflowTrigger') return { kind: 'trigger', items: triggerItems, assumed: false };
    const override = resolver.override('itemsPerTrigger', node);
    if (override !== undefined) return { kind: 'trigger', items: override, assumed: true };
    if (ONE_ITEM_TRIGGERS.has(node.type)) return { kind: 'trigger', items: 1, assumed: false };
    return { kind: 'trigger', items: resolver.get('itemsPerTrigger', node), assumed: true };
  }
  if (node.type === LOOP_TYPE) return { kind: 'loop', batchSize: Number(p.batchSize ?? (node.typeVersion >= 3 ? 1 : 10)) };
  const shares = branchShares(node, resolver, outputsUsed);
  if (shares) return shares;
  if (node.type === 'n8n-nodes-base.merge') return mergeBehaviour(p);
  if (isFanOut(node)) {
    // On a fan-out node, `items=` in the notes means items per input item.
    const set = resolver.override('itemsPerFanOut', node);
    const limit = p.returnAll !== true && typeof p.limit === 'number' && p.limit >= 0 ? p.limit : undefined;
    if (set === undefined && limit !== undefined) return { kind: 'fan-out', perItem: limit, words: `up to ${limit} items per input item (limit parameter)` };
    const perItem = set ?? resolver.get('itemsPerFanOut', node);
    return { kind: 'fan-out', perItem, words: `${perItem} items per input item (assumption itemsPerFanOut)` };
  }
  const perRun = resolver.override('itemsPerRun', node);
  if (perRun !== undefined) return { kind: 'per-run', items: perRun, words: `${perRun} items per run (assumption)` };
  if (AGGREGATES.has(node.type) || (node.type === 'n8n-nodes-base.itemLists' && (p.operation === 'aggregateItems' || p.operation === 'summarize'))) return { kind: 'per-run', items: 1, words: 'one item per run (aggregate)' };
  if (node.type === 'n8n-nodes-base.limit') return { kind: 'limit', max: typeof p.maxItems === 'number' ? p.maxItems : 1 };
  return { kind: 'plain' };
}

function isFanOut(node: ParsedNode): boolean {
  const p = node.parameters;
  if (FAN_OUT_TYPES.has(node.type)) return true;
  if (node.type === 'n8n-nodes-base.httpRequest') {
    const options = p.options as Record<string, unknown> | undefined;
    return typeof options === 'object' && options !== null && options.pagination !== undefined;
  }
  return p.returnAll === true || (typeof p.operation === 'string' && FAN_OUT_OPERATIONS.has(p.operation));
}

function branchShares(node: ParsedNode, resolver: AssumptionResolver, outputsUsed: number): Behaviour | undefined {
  let outputs: number;
  if (node.type === 'n8n-nodes-base.if' || node.type === 'n8n-nodes-base.filter') outputs = 2;
  else if (node.type === 'n8n-nodes-base.switch') outputs = Math.max(switchOutputs(node.parameters), outputsUsed);
  else if (outputsUsed > 1 && node.onError !== 'continueErrorOutput') outputs = outputsUsed;
  else return undefined;
  const listed = resolver.override('branchShares', node) as unknown;
  if (Array.isArray(listed)) return { kind: 'branch', shares: listed as number[], words: 'assumption branchShares' };
  if (outputs === 2) {
    const share = resolver.get('branchShare', node);
    return { kind: 'branch', shares: [share, 1 - share], words: 'assumption branchShare' };
  }
  return { kind: 'branch', shares: new Array<number>(outputs).fill(1 / outputs), words: `equal shares of ${outputs} outputs` };
}

function switchOutputs(p: Record<string, unknown>): number {
  const rules = p.rules as Record<string, unknown> | undefined;
  const list = rules && (Array.isArray(rules.values) ? rules.values : Array.isArray(rules.rules) ? rules.rules : undefined);
  const options = p.options as Record<string, unknown> | undefined;
  const extra = options?.fallbackOutput === 'extra' ? 1 : 0;
  if (p.mode === 'expression' && typeof p.numberOutputs === 'number') return p.numberOutputs;
  return Math.max(1, (list?.length ?? 4) + extra);
}

function mergeBehaviour(p: Record<string, unknown>): Behaviour {
  const mode = typeof p.mode === 'string' ? p.mode : 'append';
  if (mode === 'append') return { kind: 'merge', mode: 'append', choose: 0 };
  if (mode === 'chooseBranch' || mode === 'passThrough') return { kind: 'merge', mode: 'choose', choose: p.output === 'input2' || p.useDataOfInput === 2 ? 1 : 0 };
  return { kind: 'merge', mode: 'widest', choose: 0 };
}
