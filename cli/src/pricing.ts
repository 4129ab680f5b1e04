/**
 * The pricing core, by relative path: the compiled `n8n-credits` package (ledger/dist) carries
 * shared-pricing's compiled sources beside cli's, not as a dependency it could resolve by name.
 */
export * from '../../shared-pricing/src';
