import { InvalidArgumentError, type Command } from '../commander';
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
