import { messages, PricingError } from '../errors';
import { parseJsonDocument } from '../validation/parseJsonDocument';
import type { ValidationIssue } from '../validation/types';
import { mergePriceBook } from './mergePriceBook';
import { priceBookPresetSource } from './presets';
import type { PriceBook } from './types';
import { validatePriceBook } from './validatePriceBook';

const presetCache = new Map<string, PriceBook>();

/**
 * Parses and validates a price book (text or an already parsed value). A book with
 * `"extends": "<preset>"` is merged onto that preset first. Throws a `PricingError` with the
 * line and column of a syntax error, or with every JSON path that did not validate and why
 * (an unknown or cyclic `extends` is reported at `$.extends`). `seen` is the chain of presets
 * being resolved, used to detect cycles.
 */
export function loadPriceBook(source: unknown, seen: string[] = []): PriceBook {
  let value = typeof source === 'string' ? parseJsonDocument(source, 'price book') : source;
  if (isRecord(value) && typeof value.extends === 'string') {
    const name = value.extends;
    if (seen.includes(name)) invalid([{ path: '$.extends', message: messages.extendsCycle(name, seen) }]);
    const base = resolvePreset(name, [...seen, name], true);
    value = mergePriceBook(base as unknown as Record<string, unknown>, value);
  }
  const validated = validatePriceBook(value);
  if (!validated.ok) invalid(validated.issues);
  return validated.value;
}

/** A shipped price book by name (`default`, `twenty`, `spojit`, `monkedo`, `amplience`), loaded once. */
export function getPriceBook(name: string): PriceBook {
  return resolvePreset(name, [name], false);
}

function resolvePreset(name: string, seen: string[], fromExtends: boolean): PriceBook {
  let book = presetCache.get(name);
  if (!book) {
    let source: unknown;
    try {
      source = priceBookPresetSource(name);
    } catch (error) {
      // In a document, an unknown preset is a bad value at a path, not a bare lookup failure.
      if (fromExtends && error instanceof PricingError) invalid([{ path: '$.extends', message: error.message }]);
      throw error;
    }
    book = loadPriceBook(source, seen);
    presetCache.set(name, book);
  }
  return book;
}

function invalid(issues: ValidationIssue[]): never {
  throw new PricingError('invalid-document', messages.invalidDocument('price book', issues), issues);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
