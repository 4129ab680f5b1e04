/**
 * Applies an overriding price book (`"extends": "<preset>"`) to its base: classes and models
 * are merged by name (the override's entries replace the base's), the override's rules come
 * first so that they win ties, and any other field the override sets replaces the base's.
 */
export function mergePriceBook(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const { extends: _ignored, ...rest } = override;
  const merged: Record<string, unknown> = { ...base, ...rest };
  for (const key of ['classes', 'models'] as const) {
    if (isRecord(base[key]) && isRecord(override[key])) merged[key] = { ...base[key], ...override[key] };
  }
  if (Array.isArray(base.rules) && Array.isArray(override.rules)) merged.rules = [...override.rules, ...base.rules];
  return merged;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
