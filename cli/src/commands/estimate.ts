import type { Command } from '../commander';
import { analyzeFile } from '../estimate/analyzeFile';
import { createWorkflowResolver } from '../estimate/workflowResolver';
import { expandPatterns } from '../files/expandPatterns';
import { projectRoot } from '../files/findUp';
import { relativeUri } from '../files/relativeUri';
import { paint, useColor } from '../format/color';
import { formatEstimateJson } from '../format/estimateJson';
import { formatEstimateTable } from '../format/estimateTable';
import type { CliContext } from '../io';
import { loadSettings } from '../settings/loadSettings';
import { addColorOptions, addFormatOption, addJsonAlias, addSettingsOptions, chosenFormat, parseCountArg } from './options';

interface EstimateOptions {
  format: string;
  json?: boolean;
  color?: boolean;
  top: number;
  config?: string;
  priceBook?: string;
  preset?: string;
}

/** `n8n-credits estimate <files|globs…>`: what each workflow costs per execution and per month. */
export function register(program: Command, { io, setExitCode }: CliContext): void {
  const command = program
    .command('estimate')
    .description('estimate what workflows cost per execution and per month, node by node')
    .argument('<files...>', 'workflow files, folders or globs')
    .option('--top <n>', 'how many of the most expensive nodes to list', parseCountArg, 5);
  addSettingsOptions(addJsonAlias(addColorOptions(addFormatOption(command, ['text', 'json'])))).action((patterns: string[], options: EstimateOptions) => {
    const format = chosenFormat(options, io, 'estimate');
    const settings = loadSettings(options, io.cwd);
    const root = projectRoot(io.cwd);
    const resolver = createWorkflowResolver();
    const results = expandPatterns(patterns, io.cwd).map((file) => analyzeFile(file, relativeUri(root, file), settings, resolver(file)));
    if (format === 'json') {
      io.stdout(formatEstimateJson(results, settings.priceBook));
    } else {
      const colors = paint(useColor(options.color, io));
      for (const r of results) io.stdout(r.analysis?.ok ? formatEstimateTable(r.file, r.analysis, settings.priceBook, options.top, colors) + '\n' : `${r.file}:${reason(r)}\n`);
    }
    const workflows = results.filter((r) => r.analysis?.ok).length;
    setExitCode(workflows === 0 || results.some((r) => r.error !== undefined) ? 2 : 0);
  });
}

/** The one-line reason a file has no estimate, as `line: reason` after the file name. */
function reason(r: { error?: string; analysis?: { findings: Array<{ message: string; range: { line?: number } }> } }): string {
  if (r.error !== undefined) return ` ${r.error}`;
  const first = r.analysis?.findings[0];
  return first ? `${first.range.line ?? 1}: ${first.message}` : '1: not an n8n workflow';
}
