// Public API of this area; each module adds its exports here.
export * from './validatePlan';
export * from './presets';
export * from './loadPlan';
export * from './samePlan';
