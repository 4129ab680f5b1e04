// Public API of this area; each module adds its exports here.
export * from './readNodeRuns';
export * from './countItems';
export * from './readTokenUsage';
export * from './modelOfNode';
export * from './servedNodeOf';
export * from './chargeKey';
export * from './priceNodeRun';
export * from './priceTokenRun';
export * from './nextPricingState';
export * from './priceExecution';
export * from './totalsByNode';
