import { InvalidArgumentError, Option, type Command } from '../commander';
import type { CliIo } from '../io';
import { millicreditsToCredits, parseCredits } from '../pricing';

/** Options shared by `estimate` and `lint`: where the config and the price book come from. */
export function addSettingsOptions(command: Command): Command {
  return command
    .option('--config <file>', 'the .n8n-credits.json to use (default: the nearest one from the current folder up)')
    .option('--price-book <file>', 'a price book JSON file')
    .option('--preset <name>', 'a shipped price book by name (default: the config\'s priceBook, else "default")');
}

/** Parses a non-negative number of credits (decimals allowed: 2.5), read to the millicredit (half-up) by `parseCredits`. */
export function parseCreditsArg(value: string): number {
  const parsed = parseCredits(value, 'half-up');
  if (!parsed.ok) throw new InvalidArgumentError('expected a number of credits ≥ 0');
  return millicreditsToCredits(parsed.millicredits);
}

/** Parses a whole number ≥ 0. */
export function parseCountArg(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

/**
 * The one `-f, --format <format>` every command that prints a result takes, with the formats it knows (the first
 * is the default). Commands that had a `--json` switch keep it through `addJsonAlias`.
 */
export function addFormatOption(command: Command, formats: readonly [string, ...string[]]): Command {
  return command.addOption(new Option('-f, --format <format>', 'output format').choices(formats).default(formats[0]));
}

/** `--json`, kept from before `--format` so scripts keep working; hidden from the help (see `chosenFormat`). */
export function addJsonAlias(command: Command): Command {
  return command.addOption(new Option('--json', 'deprecated: use --format json').hideHelp());
}

/** The format asked for: `--json` means `--format json`, with a deprecation notice on standard error. */
export function chosenFormat(options: { format: string; json?: boolean }, io: CliIo, command: string): string {
  if (!options.json) return options.format;
  io.stderr(`n8n-credits ${command}: --json is deprecated; use --format json\n`);
  return 'json';
}

/** `--color` / `--no-color` for text output (default: colour on a terminal unless NO_COLOR is set). */
export function addColorOptions(command: Command): Command {
  return command.option('--color', 'colour the text output even when it is not a terminal').option('--no-color', 'no colour (also NO_COLOR=1 or a pipe)');
}
