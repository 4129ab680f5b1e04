import { messages, PricingError } from '../errors';
import defaultBook from './presets/default.price-book.json';

/**
 * The price books shipped with n8n Credits, by name. A preset may be an override of another
 * (`"extends": "default"`), merged by `loadPriceBook`.
 */
const PRESETS: Record<string, unknown> = {
  default: defaultBook,
};

export function priceBookPresetNames(): string[] {
  return Object.keys(PRESETS);
}

/** The raw JSON of a preset (before `extends` is resolved); throws for an unknown name. */
export function priceBookPresetSource(name: string): unknown {
  const preset = PRESETS[name];
  if (preset === undefined) throw new PricingError('unknown-preset', messages.unknownPreset('price book', name, priceBookPresetNames()));
  return preset;
}
