import { Command, CommanderError } from './commander';
import { commandModules } from './commands';
import { CliError, type CliIo } from './io';
import { CLI_VERSION } from './version';

/** Builds the `n8n-credits` program with every command in `commands/` registered. */
export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('n8n-credits')
    .description('Credit metering for n8n: estimate and lint workflow costs, run the credit ledger.')
    .version(CLI_VERSION)
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeOut: (t) => io.stdout(t), writeErr: (t) => io.stderr(t) });
  for (const command of commandModules) command.register(program, { io, setExitCode });
  overrideExits(program.commands, io);
  return program;
}

/** Every (nested) subcommand reports usage errors through exitOverride, like the program, and writes to `io`. */
function overrideExits(commands: readonly Command[], io: CliIo): void {
  for (const command of commands) {
    command.exitOverride().configureOutput({ writeOut: (t) => io.stdout(t), writeErr: (t) => io.stderr(t) });
    overrideExits(command.commands, io);
  }
}

/**
 * Runs `n8n-credits` with the given arguments (without `node` and the script) and returns the
 * exit code: 0 clean, 1 lint errors or too many warnings, 2 usage, config or internal error.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  try {
    const program = buildProgram(io, (code) => (exitCode = code));
    if (argv.length === 0) {
      io.stdout(program.helpInformation());
      return 2;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError) {
      io.stderr(`n8n-credits: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`n8n-credits: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
