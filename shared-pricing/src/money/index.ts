/** Money: integer millicredits, their checks, parsing and formatting of credits, and the one rounding function. */
export * from './millicredits';
export * from './round';
export * from './parseCredits';
export * from './creditsToMillicredits';
export * from './millicreditsToCredits';
export type { CreditsFormat } from './formatCredits';
