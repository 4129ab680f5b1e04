// Public API of the cost-lint area: rule framework, registry, config, SARIF and baseline comparison.
export * from './types';
export * from './lintWorkflow';
export * from './ruleOptionsWithDefaults';
export * from './parseLintConfig';
export * from './withBudgets';
export * from './configBudgets';
export * from './buildSarif';
export * from './compareCost';
export { rules as lintRules, findRule } from './rules';
export { formatMessage } from './helpers/formatMessage';
export { stableHash } from './helpers/stableHash';
export { CREDITS_NODE_TYPE } from './rules/unguarded-paid-webhook';
export { formatCount } from './helpers/formatCount';
export * from './creditsConfigSchema';
