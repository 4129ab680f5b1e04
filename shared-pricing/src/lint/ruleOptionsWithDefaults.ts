import type { RuleMeta, RuleOptions } from './types';

/** A rule's options with every default from its schema filled in where the config gave none. */
export function ruleOptionsWithDefaults(meta: RuleMeta, given: RuleOptions = {}): RuleOptions {
  const options: RuleOptions = {};
  for (const [name, schema] of Object.entries(meta.options)) {
    const value = given[name] ?? schema.default;
    if (value !== undefined) options[name] = value;
  }
  return options;
}
