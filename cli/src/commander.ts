/** commander 14 (root devDependency and a dependency of the `n8n-credits` package). */
export { Command, Option, InvalidArgumentError, CommanderError } from 'commander';
