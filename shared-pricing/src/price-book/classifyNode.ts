import { globSpecificity, isGlob, matchGlob } from '../glob/matchGlob';
import { messages, PricingError } from '../errors';
import { isTriggerType } from './isTriggerType';
import type { NodeClassification, PriceBook, PriceRule } from './types';

interface RuleIndex {
  exact: Map<string, PriceRule[]>;
  /** Globs, most specific first, then in file order. */
  globs: PriceRule[];
}

const indexes = new WeakMap<PriceBook, RuleIndex>();

/** The node fields pricing looks at: its type and its `operation` / `resource` parameters. */
export interface ClassifiableNode {
  type: string;
  parameters?: Record<string, unknown>;
}

/**
 * Finds the cost class of a node. Precedence: an exact type with a matching operation or
 * resource, then the exact type alone, then globs (with conditions first, then the most
 * literal characters, then file order), then the trigger class for triggers, then the fallback.
 */
export function classifyNode(node: ClassifiableNode, book: PriceBook): NodeClassification {
  // Real exports have nodes without a type: price them as unknown instead of throwing a TypeError.
  if (typeof node?.type !== 'string') return fallback(book);
  const index = indexFor(book);
  const exact = index.exact.get(node.type);
  const byExact = exact && pickByConditions(exact, node);
  if (byExact) return result(book, byExact, 'exact');
  const byGlob = pickByConditions(index.globs.filter((r) => matchGlob(r.type, node.type)), node);
  if (byGlob) return result(book, byGlob, 'glob');
  if (isTriggerType(node.type)) return { className: book.triggerClass, costClass: costClassOf(book, book.triggerClass), matchedBy: 'trigger-default', explicit: true };
  return fallback(book);
}

function fallback(book: PriceBook): NodeClassification {
  return { className: book.fallbackClass, costClass: costClassOf(book, book.fallbackClass), matchedBy: 'fallback', explicit: false };
}

/** Among rules for one type pattern, the one whose conditions match most specifically. */
function pickByConditions(rules: PriceRule[], node: ClassifiableNode): PriceRule | undefined {
  let best: PriceRule | undefined;
  let bestScore = -1;
  for (const rule of rules) {
    const score = conditionScore(rule, node);
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  return best;
}

/** -1 when a condition fails; otherwise the number of conditions that hold (0 for none). */
function conditionScore(rule: PriceRule, node: ClassifiableNode): number {
  let score = 0;
  for (const field of ['operation', 'resource'] as const) {
    const wanted = rule[field];
    if (wanted === undefined) continue;
    const parameters = node.parameters;
    if (typeof parameters !== 'object' || parameters === null || parameters[field] !== wanted) return -1;
    score++;
  }
  return score;
}

function result(book: PriceBook, rule: PriceRule, matchedBy: 'exact' | 'glob'): NodeClassification {
  return { className: rule.class, costClass: costClassOf(book, rule.class), rule, matchedBy, explicit: true };
}

function costClassOf(book: PriceBook, className: string) {
  const costClass = book.classes[className];
  if (!costClass) throw new PricingError('invariant', messages.unknownClass(className));
  return costClass;
}

function indexFor(book: PriceBook): RuleIndex {
  let index = indexes.get(book);
  if (index) return index;
  index = { exact: new Map(), globs: [] };
  for (const rule of book.rules) {
    if (isGlob(rule.type)) index.globs.push(rule);
    else index.exact.set(rule.type, [...(index.exact.get(rule.type) ?? []), rule]);
  }
  // Stable sort: equal specificity keeps file order.
  index.globs.sort((a, b) => globSpecificity(b.type) - globSpecificity(a.type));
  indexes.set(book, index);
  return index;
}
