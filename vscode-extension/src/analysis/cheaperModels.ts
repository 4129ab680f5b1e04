import { resolveModel, type PriceBook } from '../../../shared-pricing/src';

/**
 * Models of the price book that cost less than `model` (input + output rate per 1K tokens),
 * the closest in price first: the quick fix offers the smallest step down before the cheapest.
 */
export function cheaperModels(book: PriceBook, model: string, limit = 3): string[] {
  const current = resolveModel(model, book);
  const cost = (rate: { input: number; output: number }) => rate.input + rate.output;
  const own = cost(current.rate);
  return Object.entries(book.models)
    .filter(([name, rate]) => name !== current.model && cost(rate) < own)
    .sort((a, b) => cost(b[1]) - cost(a[1]) || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([name]) => name);
}
