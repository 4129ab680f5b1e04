/** Glob patterns for node types and model aliases. */
export * from './matchGlob';
