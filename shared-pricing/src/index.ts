/** The pure pricing core of n8n Credits. No I/O; imports nothing but its own files and jsonc-parser. */
export * from './errors';
export * from './money';
export * from './glob';
export * from './validation';
export * from './price-book';
export * from './plans/types';
export * from './plans';
export * from './execution/types';
export * from './execution';
export * from './document';
export * from './estimate';
export * from './lint';
export * from './accounting';
