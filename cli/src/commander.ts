/**
 * commander 14, resolved from the `n8n-credits` package (ledger/), which declares it. The
 * repository root's node_modules holds commander 2 (a dependency of a dependency of n8n-core),
 * which `require('commander')` from cli/src would find first during development. Resolving from
 * the ledger folder works both here and in the compiled package (ledger/dist/cli/src), where the
 * lookup walks up to ledger/node_modules or wherever npm put commander.
 */
import { resolve } from 'node:path';
import type * as CommanderModule from '../../ledger/node_modules/commander';

const commanderPath = require.resolve('commander', { paths: [resolve(__dirname, '../../ledger')] });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commander = require(commanderPath) as typeof CommanderModule;

export const { Command, Option, InvalidArgumentError, CommanderError } = commander;
export type Command = CommanderModule.Command;
export type CommanderError = CommanderModule.CommanderError;
