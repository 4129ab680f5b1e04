/** The price book area: its format, loading and validation, shipped presets, classification and model rates. */
export * from './types';
export * from './validatePriceBook';
export * from './loadPriceBook';
export * from './presets';
export * from './classifyNode';
export * from './resolveModel';
export * from './priceTokens';
export * from './priceUnit';
export * from './isTriggerType';
export * from './priceBookCoverage';
export * from './nodeDisplayName';
