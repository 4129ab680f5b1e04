import { messages, PricingError } from '../errors';
import amplience from './presets/amplience.plan.json';
import monkedo from './presets/monkedo.plan.json';
import spojit from './presets/spojit.plan.json';
import twentyYearly from './presets/twenty-yearly.plan.json';
import twenty from './presets/twenty.plan.json';

/** The plans shipped with n8n Credits, by name: each seed platform's rules (see docs/plans.md). */
const PRESETS: Record<string, unknown> = {
  twenty,
  'twenty-yearly': twentyYearly,
  spojit,
  monkedo,
  amplience,
};

/** Names of the shipped plan presets. */
export function planPresetNames(): string[] {
  return Object.keys(PRESETS);
}

/** The raw JSON of a plan preset (before `extends` is resolved); throws for an unknown name. */
export function planPresetSource(name: string): unknown {
  const preset = PRESETS[name];
  if (preset === undefined) throw new PricingError('unknown-preset', messages.unknownPreset('plan', name, planPresetNames()));
  return preset;
}
