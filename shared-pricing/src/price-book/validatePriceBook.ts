import { messages } from '../errors';
import { isGlob } from '../glob/matchGlob';
import { Checker, childPath } from '../validation/checker';
import { normalizeModelName } from './resolveModel';
import type { Validated } from '../validation/types';
import type { CostClass, ModelRate, PriceBook, PriceRule } from './types';

const UNITS = ['run', 'item', 'execution', 'tokens', 'helper'] as const;

/**
 * Checks that `value` is a version-1 price book and that every class a rule names exists.
 * Each issue names its JSON path (`$.rules[3].class`) and what was expected.
 */
export function validatePriceBook(value: unknown): Validated<PriceBook> {
  const c = new Checker();
  if (!c.object('$', value)) return { ok: false, issues: c.issues };
  c.noUnknownKeys('$', value, ['$schema', 'extends', 'version', 'name', 'description', 'classes', 'rules', 'fallbackClass', 'triggerClass', 'models', 'modelFallback', 'nominalPerExecution']);
  // Present only when validating a book before its `extends` is resolved (loadPriceBook removes it).
  if (value.extends !== undefined) c.string('$.extends', value.extends);
  if (value.version !== 1) c.fail('$.version', `expected 1 (the only price book format version), got ${JSON.stringify(value.version)}`);
  c.string('$.name', value.name);
  optionalText(c, '$.description', value.description);
  c.integer('$.nominalPerExecution', value.nominalPerExecution);

  const classNames = new Set<string>();
  if (c.object('$.classes', value.classes)) {
    for (const [name, costClass] of Object.entries(value.classes)) {
      classNames.add(name);
      checkClass(c, childPath('$.classes', name), costClass);
    }
  }
  const knownClass = (path: string, name: unknown) =>
    c.string(path, name) && (classNames.has(name) || c.fail(path, `expected the name of a class in $.classes, got "${name}"`));
  knownClass('$.fallbackClass', value.fallbackClass);
  knownClass('$.triggerClass', value.triggerClass);

  if (c.array('$.rules', value.rules)) {
    value.rules.forEach((rule, i) => checkRule(c, childPath('$.rules', i), rule, knownClass));
  }
  if (c.object('$.models', value.models)) {
    for (const [name, rate] of Object.entries(value.models)) checkModelRate(c, childPath('$.models', name), rate, 0, true);
    checkModelNamesUnique(c, value.models);
  }
  // At least 1 mc per 1K tokens: an unknown model must never be priced at 0.
  checkModelRate(c, '$.modelFallback', value.modelFallback, 1, false);
  return c.issues.length ? { ok: false, issues: c.issues } : { ok: true, value: value as unknown as PriceBook };
}

function checkClass(c: Checker, path: string, value: unknown): value is CostClass {
  if (!c.object(path, value)) return false;
  c.noUnknownKeys(path, value, ['unit', 'rate', 'every', 'description']);
  c.oneOf(`${path}.unit`, value.unit, UNITS);
  c.integer(`${path}.rate`, value.rate);
  optionalText(c, `${path}.description`, value.description);
  if (value.unit === 'helper') c.integer(`${path}.every`, value.every, 1);
  else if (value.every !== undefined) c.fail(`${path}.every`, 'only a class with unit "helper" takes "every"');
  return true;
}

function checkRule(c: Checker, path: string, value: unknown, knownClass: (path: string, name: unknown) => boolean): value is PriceRule {
  if (!c.object(path, value)) return false;
  c.noUnknownKeys(path, value, ['type', 'operation', 'resource', 'class', 'note']);
  c.string(`${path}.type`, value.type);
  if (value.operation !== undefined) c.string(`${path}.operation`, value.operation);
  if (value.resource !== undefined) c.string(`${path}.resource`, value.resource);
  knownClass(`${path}.class`, value.class);
  optionalText(c, `${path}.note`, value.note);
  return true;
}

function checkModelRate(c: Checker, path: string, value: unknown, min: number, allowAliases: boolean): value is ModelRate {
  if (!c.object(path, value)) return false;
  c.noUnknownKeys(path, value, allowAliases ? ['input', 'output', 'aliases'] : ['input', 'output']);
  c.integer(`${path}.input`, value.input, min);
  c.integer(`${path}.output`, value.output, min);
  if (value.aliases !== undefined && c.array(`${path}.aliases`, value.aliases)) {
    value.aliases.forEach((alias, i) => c.string(childPath(`${path}.aliases`, i), alias));
  }
  return true;
}

/** Descriptions and notes are free text, possibly empty, but text. */
function optionalText(c: Checker, path: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'string') c.fail(path, `expected text, got ${JSON.stringify(value)}`);
}

/** Two models claiming one name (canonical or exact alias, after normalising) would make resolveModel ambiguous. */
function checkModelNamesUnique(c: Checker, models: Record<string, unknown>): void {
  const owner = new Map<string, string>();
  const claim = (path: string, name: string, model: string) => {
    const key = normalizeModelName(name);
    const previous = owner.get(key);
    if (previous !== undefined && previous !== model) c.fail(path, messages.duplicateModelName(name, previous));
    else owner.set(key, model);
  };
  for (const model of Object.keys(models)) claim(childPath('$.models', model), model, model);
  for (const [model, rate] of Object.entries(models)) {
    const aliases = (rate as ModelRate | null)?.aliases;
    if (!Array.isArray(aliases)) continue;
    aliases.forEach((alias, i) => {
      if (typeof alias === 'string' && alias && !isGlob(alias)) claim(childPath(childPath(childPath('$.models', model), 'aliases'), i), alias, model);
    });
  }
}
