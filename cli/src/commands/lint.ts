import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from '../commander';
import { expandPatterns } from '../files/expandPatterns';
import { projectRoot } from '../files/findUp';
import { formatLintJson } from '../format/lintJson';
import { formatLintSarif } from '../format/lintSarif';
import { formatStylish } from '../format/stylish';
import { CliError, type CliContext } from '../io';
import { lintFiles } from '../lint/lintFiles';
import { lintExitCode, summarize } from '../lint/summarize';
import { loadSettings } from '../settings/loadSettings';
import { addSettingsOptions, parseCountArg, parseCreditsArg } from './options';

interface LintOptions {
  format: 'stylish' | 'json' | 'sarif';
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
    .argument('<files...>', 'workflow files, folders or globs (quote globs: \'workflows/**/*.json\')')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json', 'sarif']).default('stylish'))
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseCountArg)
    .option('--budget-execution <credits>', 'fail a workflow whose expected cost per execution is over this', parseCreditsArg)
    .option('--budget-month <credits>', 'fail a workflow whose projected monthly cost is over this', parseCreditsArg)
    .option('--baseline <dir>', 'report each workflow\'s change in monthly credits against the same path in this folder')
    .option('-o, --output <file>', 'write the report to this file instead of standard output');
  addSettingsOptions(command).action((patterns: string[], options: LintOptions) => {
    const settings = loadSettings(options, io.cwd);
    const files = expandPatterns(patterns, io.cwd);
    if (options.baseline !== undefined && !isDirectory(resolve(io.cwd, options.baseline))) throw new CliError(`--baseline ${options.baseline} is not a folder`);
    const root = projectRoot(io.cwd);
    const results = lintFiles(files, root, settings, {
      budgets: { perExecution: options.budgetExecution, perMonth: options.budgetMonth },
      ...(options.baseline !== undefined ? { baseline: resolve(io.cwd, options.baseline) } : {}),
    });
    const summary = summarize(results);
    const report = options.format === 'json' ? formatLintJson(results, summary) : options.format === 'sarif' ? formatLintSarif(results) : formatStylish(results, summary);
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
