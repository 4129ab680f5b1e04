import type { Command } from '../commander';
import { analyzeFile } from '../estimate/analyzeFile';
import { createWorkflowResolver } from '../estimate/workflowResolver';
import { expandPatterns } from '../files/expandPatterns';
import { projectRoot } from '../files/findUp';
import { relativeUri } from '../files/relativeUri';
import { formatEstimateTable } from '../format/estimateTable';
import type { CliContext } from '../io';
import { loadSettings } from '../settings/loadSettings';
import { addSettingsOptions, parseCountArg } from './options';

interface EstimateOptions {
  json?: boolean;
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
    .option('--json', 'print the full analysis as JSON')
    .option('--top <n>', 'how many of the most expensive nodes to list', parseCountArg, 5);
  addSettingsOptions(command).action((patterns: string[], options: EstimateOptions) => {
    const settings = loadSettings(options, io.cwd);
    const root = projectRoot(io.cwd);
    const resolver = createWorkflowResolver();
    const results = expandPatterns(patterns, io.cwd).map((file) => analyzeFile(file, relativeUri(root, file), settings, resolver(file)));
    if (options.json) {
      const json = results.map((r) => ({ file: r.uri, ...(r.error !== undefined ? { error: r.error } : {}), ...(r.analysis ? { analysis: r.analysis } : {}) }));
      io.stdout(JSON.stringify(json, null, 2) + '\n');
    } else {
      for (const r of results) io.stdout(r.analysis?.ok ? formatEstimateTable(r.uri, r.analysis, options.top) + '\n' : `${r.uri}:${reason(r)}\n`);
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
