/** Amounts: integer millicredits, their checks, formatting and the one rounding function. */
export * from './millicredits';
export * from './round';
