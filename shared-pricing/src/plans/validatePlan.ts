import { Checker, childPath } from '../validation/checker';
import type { Validated } from '../validation/types';
import type { Plan } from './types';

const PLAN_KEYS = [
  '$schema', 'extends', 'version', 'name', 'description', 'priceBook', 'cycle', 'allocation', 'dailyLimit', 'rolloverCap',
  'topUps', 'editorRunsFree', 'chargeFailedStep', 'exhaustion', 'admissionEstimate', 'consecutiveFailureLimit', 'memberAllocations',
] as const;

/**
 * Checks that `value` is a version-1 plan. Each issue names its JSON path (`$.topUps.packs[1].price`)
 * and what was expected; unknown keys are reported so a typo is never silently ignored.
 */
export function validatePlan(value: unknown): Validated<Plan> {
  const c = new Checker();
  if (!c.object('$', value)) return { ok: false, issues: c.issues };
  c.noUnknownKeys('$', value, PLAN_KEYS);
  if (value.version !== 1) c.fail('$.version', `expected 1 (the only plan format version), got ${JSON.stringify(value.version)}`);
  c.string('$.name', value.name);
  if (value.description !== undefined) c.string('$.description', value.description);
  c.string('$.priceBook', value.priceBook);
  c.oneOf('$.cycle', value.cycle, ['monthly', 'yearly'] as const);
  c.integer('$.allocation', value.allocation);
  nullableCount(c, '$.dailyLimit', value.dailyLimit, 'millicredits a day, or null for no daily limit');
  c.integer('$.rolloverCap', value.rolloverCap);
  checkTopUps(c, value.topUps);
  for (const key of ['editorRunsFree', 'chargeFailedStep', 'memberAllocations'] as const) c.boolean(`$.${key}`, value[key]);
  c.oneOf('$.exhaustion', value.exhaustion, ['pause', 'stop', 'overdraft'] as const);
  if (value.admissionEstimate !== undefined) c.oneOf('$.admissionEstimate', value.admissionEstimate, ['expected', 'max'] as const);
  nullableCount(c, '$.consecutiveFailureLimit', value.consecutiveFailureLimit, 'failed executions in a row, or null for no limit');
  return c.issues.length ? { ok: false, issues: c.issues } : { ok: true, value: value as unknown as Plan };
}

/** null, or an integer ≥ 1. */
function nullableCount(c: Checker, path: string, value: unknown, what: string): void {
  if (value === null || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1)) return;
  c.fail(path, `expected an integer ≥ 1 (${what}), got ${JSON.stringify(value) ?? 'nothing'}`);
}

function checkTopUps(c: Checker, value: unknown): void {
  if (!c.object('$.topUps', value)) return;
  c.noUnknownKeys('$.topUps', value, ['packs', 'lifetime']);
  if (c.array('$.topUps.packs', value.packs)) {
    const ids = new Set<string>();
    value.packs.forEach((pack, i) => {
      const path = childPath('$.topUps.packs', i);
      if (!c.object(path, pack)) return;
      c.noUnknownKeys(path, pack, ['id', 'millicredits', 'price', 'currency']);
      if (c.string(`${path}.id`, pack.id)) {
        if (ids.has(pack.id)) c.fail(`${path}.id`, `expected a unique pack id, "${pack.id}" is used twice`);
        ids.add(pack.id);
      }
      c.integer(`${path}.millicredits`, pack.millicredits, 1);
      c.integer(`${path}.price`, pack.price);
      if (typeof pack.currency !== 'string' || !/^[A-Z]{3}$/.test(pack.currency)) c.fail(`${path}.currency`, `expected a three-letter currency code such as "USD", got ${JSON.stringify(pack.currency)}`);
    });
  }
  const lifetime = value.lifetime;
  if (!c.object('$.topUps.lifetime', lifetime)) return;
  if (c.oneOf('$.topUps.lifetime.kind', lifetime.kind, ['plan', 'period', 'days'] as const) && lifetime.kind === 'days') {
    c.integer('$.topUps.lifetime.days', lifetime.days, 1);
    c.noUnknownKeys('$.topUps.lifetime', lifetime, ['kind', 'days']);
  } else {
    c.noUnknownKeys('$.topUps.lifetime', lifetime, ['kind']);
  }
}
