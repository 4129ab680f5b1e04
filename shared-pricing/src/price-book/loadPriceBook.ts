import { messages, PricingError } from '../errors';
import { parseJsonDocument } from '../validation/parseJsonDocument';
import { mergePriceBook } from './mergePriceBook';
import { priceBookPresetSource } from './presets';
import type { PriceBook } from './types';
import { validatePriceBook } from './validatePriceBook';

const presetCache = new Map<string, PriceBook>();

/**
 * Parses and validates a price book (text or an already parsed value). A book with
 * `"extends": "<preset>"` is merged onto that preset first. Throws a `PricingError` with the
 * line and column of a syntax error, or with every JSON path that did not validate and why.
 */
export function loadPriceBook(source: unknown, seen: string[] = []): PriceBook {
  let value = typeof source === 'string' ? parseJsonDocument(source, 'price book') : source;
  if (isRecord(value) && typeof value.extends === 'string') {
    if (seen.includes(value.extends)) {
      throw new PricingError('invalid-document', messages.invalidDocument('price book', [{ path: '$.extends', message: `"${value.extends}" extends itself through ${seen.join(' → ')}` }]));
    }
    const base = resolvePreset(value.extends, [...seen, value.extends]);
    value = mergePriceBook(base as unknown as Record<string, unknown>, value);
  }
  const validated = validatePriceBook(value);
  if (!validated.ok) throw new PricingError('invalid-document', messages.invalidDocument('price book', validated.issues), validated.issues);
  return validated.value;
}

/** A shipped price book by name (`default`, `twenty`, `spojit`, `monkedo`, `amplience`), loaded once. */
export function getPriceBook(name: string): PriceBook {
  return resolvePreset(name, [name]);
}

function resolvePreset(name: string, seen: string[]): PriceBook {
  let book = presetCache.get(name);
  if (!book) {
    book = loadPriceBook(priceBookPresetSource(name), seen);
    presetCache.set(name, book);
  }
  return book;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
