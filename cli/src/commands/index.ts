import type { CommandModule } from '../io';

/* eslint-disable @typescript-eslint/no-require-imports -- one line per command, loaded in order */
/**
 * Every `n8n-credits` command, one file each in this folder. To add a command, write
 * `commands/<name>.ts` exporting `register(program, context)` and add one line here; a test
 * checks that every command file is listed and exports `register`.
 */
export const commandModules: readonly CommandModule[] = [
  require('./estimate'),
  require('./lint'),
  require('./serve'),
  require('./keys'),
  require('./plan'),
  require('./topup'),
  require('./report'),
  require('./sync'),
  require('./spool'),
  require('./export'),
];

/** Files in this folder that are helpers, not commands. */
export const NOT_COMMANDS = ['index', 'options'];
