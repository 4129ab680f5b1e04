/**
 * `npm run pricebook:coverage -- <folder> [--price-book file | --preset name]`
 *
 * Reads every `.json` file under <folder> (recursively), classifies each node of each workflow
 * with a price book (the default preset unless told otherwise) and prints the share of node
 * instances priced by an explicit rule rather than the fallback, and the node types the
 * fallback priced most. Files that are not workflows are skipped with a one-line reason each.
 * Exit codes: 0 done, 2 bad arguments or a price book that does not load.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { getPriceBook, loadPriceBook, priceBookCoverage, type PriceBook, type PriceBookCoverage } from '../shared-pricing/src/price-book';
import { modelOfNode } from '../shared-pricing/src/execution/modelOfNode';
import { parseJsonDocument } from '../shared-pricing/src/validation';

const TOP = 15;
const USAGE = 'usage: npm run pricebook:coverage -- <folder> [--price-book file | --preset name]';

interface Options {
  folder: string;
  book: PriceBook;
  bookLabel: string;
}

export function main(argv: string[], out: (line: string) => void, err: (line: string) => void): number {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    err(`pricebook-coverage: ${(error as Error).message}`);
    err(USAGE);
    return 2;
  }
  const files = jsonFiles(options.folder);
  const workflows: unknown[] = [];
  let skipped = 0;
  for (const file of files) {
    const name = relative(options.folder, file) || file;
    const found = readWorkflows(file);
    if (typeof found === 'string') {
      skipped++;
      err(`skipped ${name}: ${found}`);
    } else workflows.push(...found);
  }
  report(out, options, files.length, skipped, priceBookCoverage(workflows, options.book, modelOfNode));
  return 0;
}

function parseArgs(argv: string[]): Options {
  let folder: string | undefined;
  let book: PriceBook | undefined;
  let bookLabel = 'preset "default"';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--price-book' || arg === '--preset') {
      const value = argv[++i];
      if (!value) throw new Error(`${arg} needs a value`);
      if (book) throw new Error('give one of --price-book or --preset');
      book = arg === '--preset' ? getPriceBook(value) : loadBookFile(value);
      bookLabel = arg === '--preset' ? `preset "${value}"` : value;
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else if (folder) throw new Error(`one folder only (got "${folder}" and "${arg}")`);
    else folder = arg;
  }
  if (!folder) throw new Error('which folder of workflows?');
  try {
    readdirSync(folder);
  } catch (error) {
    throw new Error(`cannot read folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return { folder: resolve(folder), book: book ?? getPriceBook('default'), bookLabel };
}

function loadBookFile(file: string): PriceBook {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read price book ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return loadPriceBook(text);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

/** Every `.json` file under `folder`, in a stable order. */
function jsonFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) found.push(path);
    }
  };
  walk(folder);
  return found;
}

/** The workflows in a file (one, or an array as `n8n export:workflow --all` writes), or why it has none. */
function readWorkflows(file: string): unknown[] | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  let value: unknown;
  try {
    value = parseJsonDocument(text, 'file');
  } catch (error) {
    return (error as Error).message.replace(/^file is /, '');
  }
  const isWorkflow = (v: unknown) => typeof v === 'object' && v !== null && Array.isArray((v as { nodes?: unknown }).nodes);
  if (isWorkflow(value)) return [value];
  if (Array.isArray(value) && value.length > 0 && value.every(isWorkflow)) return value;
  return 'not a workflow (no "nodes" array)';
}

function report(out: (line: string) => void, options: Options, files: number, skipped: number, coverage: PriceBookCoverage): void {
  const n = (value: number) => value.toLocaleString('en-US');
  out(`price book: ${options.bookLabel} (fallback class "${options.book.fallbackClass}")`);
  out(`files read: ${n(files)} (${n(skipped)} skipped), workflows: ${n(coverage.workflows)}`);
  out(`node instances: ${n(coverage.nodeInstances)}${coverage.untypedNodes ? ` (and ${n(coverage.untypedNodes)} entries without a type, not counted)` : ''}`);
  out(`explicitly priced: ${share(coverage.explicitInstances, coverage.nodeInstances)} (${n(coverage.explicitInstances)} of ${n(coverage.nodeInstances)} node instances)`);
  const fallback = coverage.byType.filter((t) => t.fallback > 0).sort((a, b) => b.fallback - a.fallback || (a.type < b.type ? -1 : 1));
  if (fallback.length === 0) out('no node type was priced by the fallback');
  else {
    out(`top ${Math.min(TOP, fallback.length)} of ${n(fallback.length)} node types priced by the fallback:`);
    table(out, fallback.slice(0, TOP).map((t) => [t.fallback, t.type]));
  }
  const { models } = coverage;
  if (models.nodes === 0) return;
  const named = models.nodes - models.unnamed;
  out(`LLM nodes: ${n(models.nodes)} (${n(models.unnamed)} without a literal model, priced at the fallback rate)`);
  out(`models known to the book: ${share(models.known, named)} (${n(models.known)} of ${n(named)} LLM nodes naming a model)`);
  if (models.unknown.length === 0) return;
  out(`top ${Math.min(TOP, models.unknown.length)} of ${n(models.unknown.length)} models priced at the fallback rate:`);
  table(out, models.unknown.slice(0, TOP).map((m) => [m.instances, m.model]));
}

/** Right-aligned counts, then names. */
function table(out: (line: string) => void, rows: Array<[number, string]>): void {
  const width = Math.max(...rows.map(([count]) => count.toLocaleString('en-US').length));
  for (const [count, name] of rows) out(`  ${count.toLocaleString('en-US').padStart(width)}  ${name}`);
}

/** A percentage with one decimal, rounded down so that a share short of 100% never prints as 100.0%. */
function share(part: number, whole: number): string {
  if (whole === 0) return '—';
  return `${(Math.floor((part / whole) * 1000) / 10).toFixed(1)}%`;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), (line) => console.log(line), (line) => console.error(line));
}
