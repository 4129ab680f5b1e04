import { resolveModel, type CostUnit, type NodeEstimate, type PriceBook } from '../pricing';

/** What a node is priced at, as the estimate table and the estimate JSON show it. All amounts in millicredits. */
export interface NodePrice {
  /** The price book's cost class; undefined for a node the analysis did not classify (a sticky note). */
  className?: string;
  /** True when no price rule matched the node type and the book's fallback class priced it. */
  fallbackClass: boolean;
  unit?: CostUnit;
  /** The class's rate per unit (not for `tokens`, which the model's rates price). */
  rate?: number;
  /** For `helper`: the runs one `rate` covers. */
  every?: number;
  /** The model the estimate priced: the node's own, else its first language-model sub-node's (an agent's). */
  model?: string;
  /** True when the book does not know the model and its fallback rates priced it. */
  modelFallback: boolean;
  /** Per 1K input and output tokens, for the model. */
  modelRate?: { input: number; output: number };
}

/** The price of one node, looked up again in the book the estimate used (the estimate carries class and model only). */
export function nodePrice(node: NodeEstimate, nodes: readonly NodeEstimate[], book: PriceBook): NodePrice {
  const price: NodePrice = { fallbackClass: node.className !== undefined && !node.explicit, modelFallback: false };
  if (node.className !== undefined) price.className = node.className;
  const costClass = node.className === undefined ? undefined : book.classes[node.className];
  if (costClass) {
    price.unit = costClass.unit;
    if (costClass.unit !== 'tokens') price.rate = costClass.rate;
    if (costClass.every !== undefined) price.every = costClass.every;
  }
  const modelled = node.model !== undefined ? node : nodes.find((n) => n.parent === node.name && n.model !== undefined);
  if (modelled?.model !== undefined) {
    price.model = modelled.model;
    price.modelFallback = modelled.modelFallback === true;
    const { rate } = resolveModel(modelled.model, book);
    price.modelRate = { input: rate.input, output: rate.output };
  }
  return price;
}
