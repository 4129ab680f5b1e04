import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  configBudgets,
  getPriceBook,
  loadPriceBook,
  parseCreditsConfig,
  parseLintConfig,
  PricingError,
  type AssumptionConfig,
  type Budgets,
  type LintRulesConfig,
  type PriceBook,
} from '../pricing';
import { findUp } from '../files/findUp';
import { CliError } from '../io';

export const CONFIG_FILE = '.n8n-credits.json';

export interface SettingsOptions {
  config?: string;
  priceBook?: string;
  preset?: string;
}

/** Everything the estimate and lint commands read before the workflows. */
export interface Settings {
  priceBook: PriceBook;
  assumptions: AssumptionConfig;
  lintConfig: LintRulesConfig;
  /** Budgets from the config's `budgets` (credits). */
  budgets: Budgets;
  configPath?: string;
}

/**
 * Finds and reads `.n8n-credits.json` (the `--config` file, else the nearest one from `cwd` up)
 * and the price book (`--price-book` file, `--preset`, the config's `priceBook`, else
 * `default`). Any problem is a `CliError` naming the file, line or JSON path (exit 2).
 */
export function loadSettings(options: SettingsOptions, cwd: string): Settings {
  if (options.priceBook && options.preset) throw new CliError('use either --price-book or --preset, not both');
  const configPath = options.config ? resolve(cwd, options.config) : findUp(CONFIG_FILE, cwd);
  const assumptions: AssumptionConfig = configPath ? guard(configPath, () => parseCreditsConfig(readText(configPath))) : {};
  const lint = parseLintConfig(assumptions);
  if (!lint.ok) throw new CliError(`${configPath}: invalid config:\n` + lint.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n'));
  const budgets: Budgets = configBudgets(assumptions);
  const bookRef = options.priceBook ? { path: resolve(cwd, options.priceBook) } : priceBookRef(options.preset ?? assumptions.priceBook, configPath);
  const settings: Settings = { priceBook: loadBook(bookRef), assumptions, lintConfig: lint.value, budgets };
  if (configPath) settings.configPath = configPath;
  return settings;
}

/** A config's `priceBook` is a preset name, or a path (relative to the config file) when it looks like one. */
function priceBookRef(name: string | undefined, configPath: string | undefined): { preset: string } | { path: string } {
  if (!name) return { preset: 'default' };
  if (/[\\/]|\.jsonc?$/.test(name)) return { path: resolve(configPath ? dirname(configPath) : '.', name) };
  return { preset: name };
}

function loadBook(ref: { preset: string } | { path: string }): PriceBook {
  if ('preset' in ref) return guard('--preset', () => getPriceBook(ref.preset));
  return guard(ref.path, () => loadPriceBook(readText(ref.path)));
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Runs a pricing-core call, turning its `PricingError` into a `CliError` that names the source. */
function guard<T>(source: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof PricingError) throw new CliError(`${source}: ${error.message}`);
    throw error;
  }
}
