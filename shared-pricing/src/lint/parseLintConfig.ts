import { Checker, childPath } from '../validation/checker';
import type { Validated } from '../validation/types';
import { rules as registry } from './rules';
import type { LintRule, LintRulesConfig, RuleOptions, RuleOptionSchema, RuleSeverity } from './types';

/** The severities a rule may be set to in `.n8n-credits.json`. */
export const SEVERITIES: readonly RuleSeverity[] = ['off', 'warning', 'error'];

/**
 * Reads the `rules` part of a parsed `.n8n-credits.json` (other keys belong to the estimator's
 * config): `"<id>": "off" | "warning" | "error"` or `["warning", { options }]`. Unknown rule ids,
 * severities and options are issues with their JSON path, never silently ignored.
 */
export function parseLintConfig(value: unknown, rules: readonly LintRule[] = registry): Validated<LintRulesConfig> {
  const check = new Checker();
  const config: LintRulesConfig = {};
  const section = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>).rules : undefined;
  if (section === undefined) return { ok: true, value: config };
  if (!check.object('$.rules', section)) return { ok: false, issues: check.issues };
  for (const [id, entry] of Object.entries(section)) {
    const path = childPath('$.rules', id);
    const rule = rules.find((r) => r.meta.id === id);
    if (!rule) {
      check.fail(path, `unknown rule; known rules: ${rules.map((r) => r.meta.id).join(', ')}`);
      continue;
    }
    const [severity, options] = Array.isArray(entry) ? [entry[0], entry[1]] : [entry, undefined];
    const severityPath = Array.isArray(entry) ? `${path}[0]` : path;
    if (Array.isArray(entry) && entry.length > 2) check.fail(path, 'expected [severity] or [severity, options]');
    if (!check.oneOf(severityPath, severity, SEVERITIES)) continue;
    const parsed = options === undefined ? {} : parseOptions(check, `${path}[1]`, options, rule.meta.options);
    config[id] = { severity, options: parsed };
  }
  return check.issues.length ? { ok: false, issues: check.issues } : { ok: true, value: config };
}

function parseOptions(check: Checker, path: string, value: unknown, schema: Record<string, RuleOptionSchema>): RuleOptions {
  const options: RuleOptions = {};
  if (!check.object(path, value)) return options;
  check.noUnknownKeys(path, value, Object.keys(schema));
  for (const [name, spec] of Object.entries(schema)) {
    const given = value[name];
    if (given === undefined) continue;
    const at = childPath(path, name);
    if (spec.type === 'boolean' ? check.boolean(at, given) : spec.type === 'string' ? checkString(check, at, given, spec) : checkNumber(check, at, given, spec)) {
      options[name] = given as number | boolean | string;
    }
  }
  return options;
}

function checkString(check: Checker, path: string, value: unknown, spec: RuleOptionSchema): boolean {
  return spec.enum ? check.oneOf(path, value, spec.enum) : check.string(path, value);
}

function checkNumber(check: Checker, path: string, value: unknown, spec: RuleOptionSchema): boolean {
  const min = spec.minimum ?? Number.NEGATIVE_INFINITY;
  if (spec.type === 'integer') return check.integer(path, value, Number.isFinite(min) ? min : Number.MIN_SAFE_INTEGER);
  return (typeof value === 'number' && Number.isFinite(value) && value >= min) || check.fail(path, `expected a number ≥ ${min}, got ${JSON.stringify(value)}`);
}
