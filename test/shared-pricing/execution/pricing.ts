/**
 * The parts of the pricing core these tests use, imported area by area rather than through
 * `shared-pricing/src/index.ts`, so that an area another engineer is still writing cannot stop them loading.
 */
export * from '../../../shared-pricing/src/errors';
export * from '../../../shared-pricing/src/execution/types';
export * from '../../../shared-pricing/src/execution';
export * from '../../../shared-pricing/src/plans/types';
export * from '../../../shared-pricing/src/plans';
export * from '../../../shared-pricing/src/price-book/types';
export * from '../../../shared-pricing/src/price-book/loadPriceBook';
export * from '../../../shared-pricing/src/price-book/presets';
export * from '../../../shared-pricing/src/price-book/classifyNode';
