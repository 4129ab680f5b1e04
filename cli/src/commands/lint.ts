import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '../commander';
import { expandPatterns } from '../files/expandPatterns';
import { projectRoot } from '../files/findUp';
import { paint, useColor } from '../format/color';
import { formatLintEslintJson } from '../format/lintEslintJson';
import { formatLintSarif } from '../format/lintSarif';
import { formatStylish } from '../format/stylish';
import { CliError, type CliContext } from '../io';
import { errorsOnly } from '../lint/errorsOnly';
import { lintFiles } from '../lint/lintFiles';
import { lintExitCode, summarize } from '../lint/summarize';
import { loadSettings } from '../settings/loadSettings';
import { addColorOptions, addFormatOption, addSettingsOptions, parseCountArg, parseCreditsArg } from './options';

interface LintOptions {
  format: 'stylish' | 'json' | 'sarif';
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  maxWarnings?: number;
  budgetExecution?: number;
  budgetMonth?: number;
  config?: string;
  priceBook?: string;
  preset?: string;
  baseline?: string;
  output?: string;
}

/** `n8n-credits lint <files|globs…>`: cost lint for CI, exit 0 clean, 1 findings, 2 usage/config/internal error. */
export function register(program: Command, { io, setExitCode }: CliContext): void {
  const command = program
    .command('lint')
    .description('check workflows against cost rules and budgets')
    .argument('<files...>', 'workflow files, folders or globs (quote globs: \'workflows/**/*.json\')');
  addFormatOption(command, ['stylish', 'json', 'sarif'])
    .option('-q, --quiet', 'report errors only (warnings still count for --max-warnings)')
    .option('--verbose', 'print each finding\'s details (how to change it) under it')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseCountArg)
    .option('--budget-execution <credits>', 'fail a workflow whose expected cost per execution is over this', parseCreditsArg)
    .option('--budget-month <credits>', 'fail a workflow whose projected monthly cost is over this', parseCreditsArg)
    .option('--baseline <dir>', 'report each workflow\'s change in monthly credits against the same path in this folder')
    .option('-o, --output <file>', 'write the report to this file instead of standard output');
  addSettingsOptions(addColorOptions(command)).action((patterns: string[], options: LintOptions) => {
    const settings = loadSettings(options, io.cwd);
    const files = expandPatterns(patterns, io.cwd);
    if (options.baseline !== undefined && !isDirectory(resolve(io.cwd, options.baseline))) throw new CliError(`--baseline ${options.baseline} is not a folder`);
    const root = projectRoot(io.cwd);
    const results = lintFiles(files, root, settings, {
      budgets: { perExecution: options.budgetExecution, perMonth: options.budgetMonth },
      ...(options.baseline !== undefined ? { baseline: resolve(io.cwd, options.baseline) } : {}),
    });
    // The exit code counts every finding; --quiet only leaves warnings out of the report, as ESLint's does.
    const summary = summarize(results);
    const shown = options.quiet ? errorsOnly(results) : results;
    const report =
      options.format === 'json' ? formatLintEslintJson(shown)
      : options.format === 'sarif' ? formatLintSarif(shown, root)
      : formatStylish(shown, summarize(shown), {
        paint: paint(useColor(options.color, io) && options.output === undefined),
        verbose: options.verbose === true,
        hiddenWarnings: summary.warnings - summarize(shown).warnings,
      });
    if (options.output) writeOutput(resolve(io.cwd, options.output), report);
    else io.stdout(report);
    if (summary.workflows === 0) io.stderr('n8n-credits: none of the files is an n8n workflow\n');
    setExitCode(lintExitCode(summary, options.maxWarnings));
  });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function writeOutput(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
