import { classifyNode } from './classifyNode';
import { resolveModel } from './resolveModel';
import type { PriceBook } from './types';

/** How the instances of one node type were priced. */
export interface TypeCoverage {
  type: string;
  /** Instances priced by a rule or the trigger default. */
  explicit: number;
  /** Instances priced by the fallback class (no rule matched). */
  fallback: number;
}

/** What share of the node instances in some workflows a price book prices explicitly. */
export interface PriceBookCoverage {
  workflows: number;
  /** Node entries with a string `type`; entries without one are counted in `untypedNodes`. */
  nodeInstances: number;
  explicitInstances: number;
  fallbackInstances: number;
  untypedNodes: number;
  /** Every node type seen, most instances first, then by name. */
  byType: TypeCoverage[];
  /** Nodes of a `tokens` class, by the model they name; counted only when a `modelOf` reader is given. */
  models: ModelCoverage;
}

/** How the models of the LLM nodes (nodes of a `tokens` class) resolve in the book. */
export interface ModelCoverage {
  /** LLM nodes seen. */
  nodes: number;
  /** LLM nodes with no literal model (unset, or an expression only a run knows): priced at the fallback. */
  unnamed: number;
  /** LLM nodes whose model the book knows. */
  known: number;
  /** Model names the book does not know (as the node wrote them) → instances, most first. */
  unknown: Array<{ model: string; instances: number }>;
}

/**
 * Classifies every node of the given parsed workflows with `book` and counts, per node type,
 * the instances priced explicitly and those priced by the fallback. A workflow is anything with
 * a `nodes` array; other values (and node entries that are not objects) are counted, never thrown on.
 * With `modelOf` (how a node names its model, e.g. execution's `modelOfNode`), also counts how the
 * models of LLM nodes resolve.
 */
export function priceBookCoverage(workflows: readonly unknown[], book: PriceBook, modelOf?: (node: { parameters?: Record<string, unknown> }) => string | undefined): PriceBookCoverage {
  const types = new Map<string, TypeCoverage>();
  const unknownModels = new Map<string, number>();
  const models: ModelCoverage = { nodes: 0, unnamed: 0, known: 0, unknown: [] };
  const coverage: PriceBookCoverage = { workflows: 0, nodeInstances: 0, explicitInstances: 0, fallbackInstances: 0, untypedNodes: 0, byType: [], models };
  for (const workflow of workflows) {
    const nodes = (workflow as { nodes?: unknown } | null)?.nodes;
    if (!Array.isArray(nodes)) continue;
    coverage.workflows++;
    for (const node of nodes) {
      const type = (node as { type?: unknown } | null)?.type;
      if (typeof type !== 'string') {
        coverage.untypedNodes++;
        continue;
      }
      const parameters = (node as { parameters?: unknown }).parameters;
      const classifiable = { type, parameters: isRecord(parameters) ? parameters : undefined };
      const { explicit, costClass } = classifyNode(classifiable, book);
      if (modelOf && costClass.unit === 'tokens') countModel(models, unknownModels, modelOf(classifiable), book);
      let entry = types.get(type);
      if (!entry) types.set(type, (entry = { type, explicit: 0, fallback: 0 }));
      coverage.nodeInstances++;
      if (explicit) {
        entry.explicit++;
        coverage.explicitInstances++;
      } else {
        entry.fallback++;
        coverage.fallbackInstances++;
      }
    }
  }
  models.unknown = [...unknownModels].map(([model, instances]) => ({ model, instances })).sort((a, b) => b.instances - a.instances || (a.model < b.model ? -1 : 1));
  coverage.byType = [...types.values()].sort((a, b) => b.explicit + b.fallback - (a.explicit + a.fallback) || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  return coverage;
}

function countModel(models: ModelCoverage, unknown: Map<string, number>, model: string | undefined, book: PriceBook): void {
  models.nodes++;
  if (model === undefined) models.unnamed++;
  else if (!resolveModel(model, book).fallback) models.known++;
  else unknown.set(model, (unknown.get(model) ?? 0) + 1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
