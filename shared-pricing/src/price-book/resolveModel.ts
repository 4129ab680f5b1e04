import { globSpecificity, isGlob, matchGlob } from '../glob/matchGlob';
import type { ModelRate, PriceBook, ResolvedModel } from './types';

interface ModelIndex {
  exact: Map<string, string>;
  /** Glob aliases (lower case) with their canonical model, most literal characters first, then book order. */
  globs: Array<{ alias: string; canonical: string }>;
}

const indexes = new WeakMap<PriceBook, ModelIndex>();

/**
 * Normalises a model name as n8n nodes write it: trimmed, lower case, without a literal
 * expression marker (`=gpt-4o`), a `models/` prefix (Gemini) or a provider prefix
 * (`openai/gpt-4o` on OpenRouter).
 */
export function normalizeModelName(name: string): string {
  let trimmed = name.trim().toLowerCase();
  // `=gpt-4o` is an n8n expression whose value is the literal text after `=`.
  if (trimmed.startsWith('=') && !trimmed.includes('{{')) trimmed = trimmed.slice(1).trim();
  const slash = trimmed.lastIndexOf('/');
  return slash >= 0 ? trimmed.slice(slash + 1) : trimmed;
}

/**
 * Finds the rates of a model by canonical name or exact alias, then by the most specific glob
 * alias (`gemini-2.0-flash-lite-*` beats `gemini-2.0-flash-*` whatever their order). An unknown
 * or empty model gets `modelFallback` and `fallback: true`, so it is reported, never priced at 0.
 */
export function resolveModel(name: string | undefined, book: PriceBook): ResolvedModel {
  const wanted = typeof name === 'string' ? normalizeModelName(name) : '';
  if (wanted) {
    const index = indexFor(book);
    const canonical = index.exact.get(wanted) ?? index.globs.find((g) => matchGlob(g.alias, wanted))?.canonical;
    if (canonical) return { model: canonical, rate: book.models[canonical] as ModelRate, fallback: false };
  }
  return { model: wanted || 'unknown', rate: book.modelFallback, fallback: true };
}

function indexFor(book: PriceBook): ModelIndex {
  let index = indexes.get(book);
  if (index) return index;
  index = { exact: new Map(), globs: [] };
  for (const [canonical, rate] of Object.entries(book.models)) {
    index.exact.set(normalizeModelName(canonical), canonical);
    for (const alias of rate.aliases ?? []) {
      if (isGlob(alias)) index.globs.push({ alias: alias.trim().toLowerCase(), canonical });
      else index.exact.set(normalizeModelName(alias), canonical);
    }
  }
  // Stable sort: equal specificity keeps book order.
  index.globs.sort((a, b) => globSpecificity(b.alias) - globSpecificity(a.alias));
  indexes.set(book, index);
  return index;
}
