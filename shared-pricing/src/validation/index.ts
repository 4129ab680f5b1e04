/** Document validation with JSON paths, and JSON parsing with line and column. */
export * from './types';
export * from './parseJsonDocument';
export * from './tooDeeplyNested';
