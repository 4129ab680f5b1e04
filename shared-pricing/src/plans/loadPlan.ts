import { messages, PricingError } from '../errors';
import { parseJsonDocument } from '../validation/parseJsonDocument';
import { planPresetSource } from './presets';
import type { Plan } from './types';
import { validatePlan } from './validatePlan';

const presetCache = new Map<string, Plan>();

/**
 * Parses and validates a plan (JSON text or a parsed value). A plan with `"extends": "<preset>"`
 * takes every field of that preset it does not set itself (`topUps` is merged one level deep).
 * Throws a `PricingError` with the line and column of a syntax error, or every JSON path that
 * did not validate and why.
 */
export function loadPlan(source: unknown, seen: string[] = []): Plan {
  let value = typeof source === 'string' ? parseJsonDocument(source, 'plan') : source;
  if (isRecord(value) && value.extends !== undefined) {
    const base = typeof value.extends === 'string' ? value.extends : '';
    if (!base || seen.includes(base)) {
      const message = base ? `"${base}" extends itself through ${[...seen, base].join(' → ')}` : `expected the name of a plan preset, got ${JSON.stringify(value.extends)}`;
      const issues = [{ path: '$.extends', message }];
      throw new PricingError('invalid-document', messages.invalidDocument('plan', issues), issues);
    }
    const { extends: _base, ...override } = value;
    const parent = resolvePreset(base, [...seen, base]) as unknown as Record<string, unknown>;
    value = { ...parent, ...override };
    if (isRecord(parent.topUps) && isRecord(override.topUps)) (value as Record<string, unknown>).topUps = { ...parent.topUps, ...override.topUps };
  }
  const validated = validatePlan(value);
  if (!validated.ok) throw new PricingError('invalid-document', messages.invalidDocument('plan', validated.issues), validated.issues);
  return validated.value;
}

/** A shipped plan by name (`twenty`, `twenty-yearly`, `spojit`, `monkedo`, `amplience`), loaded once and frozen. */
export function getPlan(name: string): Plan {
  return resolvePreset(name, [name]);
}

function resolvePreset(name: string, seen: string[]): Plan {
  let plan = presetCache.get(name);
  if (!plan) {
    plan = deepFreeze(loadPlan(planPresetSource(name), seen));
    presetCache.set(name, plan);
  }
  return plan;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
