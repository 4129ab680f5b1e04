import { messages, PricingError } from '../errors';
import defaultBook from './presets/default.price-book.json';
import amplienceBook from './presets/amplience.price-book.json';
import monkedoBook from './presets/monkedo.price-book.json';
import spojitBook from './presets/spojit.price-book.json';
import twentyBook from './presets/twenty.price-book.json';

/**
 * The price books shipped with n8n Credits, by name. A preset may be an override of another
 * (`"extends": "default"`), merged by `loadPriceBook`.
 */
const PRESETS: Record<string, unknown> = {
  default: defaultBook,
  twenty: twentyBook,
  spojit: spojitBook,
  monkedo: monkedoBook,
  amplience: amplienceBook,
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
