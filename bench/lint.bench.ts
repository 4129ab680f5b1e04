/**
 * `npm run bench -- lint [folder]`: lints every JSON file under the folder (default: the shared
 * corpus) as `n8n-credits lint` does — analyzeWorkflow, then every lint rule — from memory, and
 * prints files per second and the ratios to plain `JSON.parse` of the same texts and to the
 * analysis alone, measured in
 * this one run (best of 5 interleaved rounds each, after a warm-up).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeWorkflow, getPriceBook, lintWorkflow, parseWorkflowDocument, type WorkflowAnalysis, type WorkflowDocument } from '../shared-pricing/src';
import { reportResult } from './result';

const folder = resolve(process.argv[2] ?? join(__dirname, '../../shared/corpus'));
const texts = listJson(folder).map((file) => readFileSync(file, 'utf8'));
if (texts.length === 0) {
  console.error(`no JSON files under ${folder}`);
  process.exit(2);
}
const book = getPriceBook('default');
let sink = 0;

function parseAll(): void {
  for (const text of texts) {
    try {
      sink += JSON.parse(text) === null ? 0 : 1;
    } catch {
      sink--;
    }
  }
}

let analyses: WorkflowAnalysis[] = [];
let documents: WorkflowDocument[] = [];

/** Each text parsed once and analysed, as the CLI does; lint then reads the same documents. */
function analyzeAll(): void {
  documents = texts.map(parseWorkflowDocument);
  analyses = documents.map((document) => analyzeWorkflow(document, book));
}

/** The rules alone, on the analyses of the last `analyzeAll` (the CLI does both, one file at a time). */
function lintAll(): void {
  analyses.forEach((analysis, i) => {
    sink += lintWorkflow({ analysis, priceBook: book, document: documents[i] }).length;
  });
}

/** Milliseconds one call of `fn` takes. */
function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Best of `rounds` timings of each function, the rounds interleaved so that load from other
 * processes on a shared machine hits every function alike.
 */
function bestInterleaved(fns: Array<() => void>, rounds = 5): number[] {
  const best = fns.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < rounds; round++) {
    fns.forEach((fn, i) => {
      global.gc?.();
      best[i] = Math.min(best[i] as number, time(fn));
    });
  }
  return best;
}

parseAll();
analyzeAll();
lintAll();
const [parseMs, analyzeMs, lintMs] = bestInterleaved([parseAll, analyzeAll, lintAll]) as [number, number, number];
const bytes = texts.reduce((n, t) => n + t.length, 0);
console.log(`folder: ${folder}`);
console.log(`files: ${texts.length} (${(bytes / 1e6).toFixed(1)} MB)`);
console.log(`JSON.parse:          ${parseMs.toFixed(1)} ms, ${Math.round((texts.length * 1000) / parseMs)} files/s`);
const totalMs = analyzeMs + lintMs;
console.log(`analyzeWorkflow:     ${analyzeMs.toFixed(1)} ms, ${Math.round((texts.length * 1000) / analyzeMs)} files/s`);
console.log(`lint rules:          ${lintMs.toFixed(1)} ms, ${Math.round((texts.length * 1000) / lintMs)} files/s`);
console.log(`analyze + lint:      ${totalMs.toFixed(1)} ms, ${Math.round((texts.length * 1000) / totalMs)} files/s`);
console.log(`ratio (analyze + lint) / JSON.parse: ${(totalMs / parseMs).toFixed(1)}×`);
console.log(`ratio lint rules / JSON.parse:       ${(lintMs / parseMs).toFixed(2)}×`);
if (sink === Number.MIN_SAFE_INTEGER) console.log('');
reportResult('lint', [
  { name: `lint (analyze + rules), ${texts.length} files`, value: Math.round((texts.length * 1000) / totalMs), unit: 'files/s' },
  { name: 'lint (analyze + rules) / JSON.parse', value: Number((totalMs / parseMs).toFixed(1)), unit: '×' },
  { name: 'lint rules alone / JSON.parse', value: Number((lintMs / parseMs).toFixed(2)), unit: '×' },
]);

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...listJson(path));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(path);
  }
  return out.sort();
}
