import { isGlob, matchGlob } from '../glob/matchGlob';
import type { ModelRate, PriceBook, ResolvedModel } from './types';

const exactNames = new WeakMap<PriceBook, Map<string, string>>();

/**
 * Normalises a model name as n8n nodes write it: lower case, without a `models/` prefix
 * (Gemini) or a provider prefix (`openai/gpt-4o` on OpenRouter).
 */
export function normalizeModelName(name: string): string {
  const trimmed = name.trim().toLowerCase();
  const slash = trimmed.lastIndexOf('/');
  return slash >= 0 ? trimmed.slice(slash + 1) : trimmed;
}

/**
 * Finds the rates of a model by canonical name, exact alias, then glob alias. An unknown or
 * empty model gets `modelFallback` and `fallback: true`, so it is reported, never priced at 0.
 */
export function resolveModel(name: string | undefined, book: PriceBook): ResolvedModel {
  const wanted = normalizeModelName(name ?? '');
  if (wanted) {
    const canonical = exactIndex(book).get(wanted) ?? globMatch(book, wanted);
    if (canonical) return { model: canonical, rate: book.models[canonical] as ModelRate, fallback: false };
  }
  return { model: wanted || 'unknown', rate: book.modelFallback, fallback: true };
}

function globMatch(book: PriceBook, wanted: string): string | undefined {
  for (const [canonical, rate] of Object.entries(book.models)) {
    if (rate.aliases?.some((alias) => isGlob(alias) && matchGlob(alias.toLowerCase(), wanted))) return canonical;
  }
  return undefined;
}

function exactIndex(book: PriceBook): Map<string, string> {
  let index = exactNames.get(book);
  if (index) return index;
  index = new Map();
  for (const [canonical, rate] of Object.entries(book.models)) {
    index.set(normalizeModelName(canonical), canonical);
    for (const alias of rate.aliases ?? []) if (!isGlob(alias)) index.set(normalizeModelName(alias), canonical);
  }
  exactNames.set(book, index);
  return index;
}
