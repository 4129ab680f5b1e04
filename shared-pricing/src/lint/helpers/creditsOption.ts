import { creditsToMillicredits } from '../../money/creditsToMillicredits';

/**
 * A budget given in credits (as people write it, `2.5`) as integer millicredits, rounded
 * half-up once here; undefined stays undefined (no budget, no check).
 */
export function creditsOption(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  return creditsToMillicredits(value, 'half-up');
}
