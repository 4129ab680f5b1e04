/**
 * `npm run bench -- estimator [folder]` (default ../shared/corpus beside the repository): how much slower the
 * estimator is than jsonc-parser alone over the same files (target ≤ 3×), and the median time
 * to analyse a synthetic 250-node workflow (target ≤ 5 ms). Prints figures from one run.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree, type ParseError } from 'jsonc-parser';
import { analyzeWorkflow } from '../shared-pricing/src/estimate';
import { getPriceBook } from '../shared-pricing/src/price-book/loadPriceBook';
import { reportResult } from './result';

const folder = process.argv[2] ?? join(__dirname, '../../shared/corpus');
const ROUNDS = 7;

function filesIn(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) filesIn(path, out);
    else if (name.endsWith('.json')) out.push(path);
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** A workflow of 250 nodes: a schedule, 12 blocks each with a paginated or plain HTTP request, a loop, a branch, a Merge and an agent with a model and a tool. */
function synthetic(): string {
  const nodes: unknown[] = [{ name: 'Schedule', type: 'n8n-nodes-base.scheduleTrigger', typeVersion: 1.2, parameters: { rule: { interval: [{ field: 'minutes', minutesInterval: 15 }] } }, position: [0, 0] }];
  const connections: Record<string, { main?: unknown[][]; ai_languageModel?: unknown[][]; ai_tool?: unknown[][] }> = {};
  const link = (from: string, to: string, output = 0, type = 'main') => {
    const byType = (connections[from] ??= {}) as Record<string, unknown[][]>;
    const outputs = (byType[type] ??= []);
    while (outputs.length <= output) outputs.push([]);
    (outputs[output] as unknown[]).push({ node: to, type, index: 0 });
  };
  let previous = 'Schedule';
  for (let block = 0; nodes.length + 20 <= 250; block++) {
    const add = (name: string, type: string, parameters: Record<string, unknown> = {}, typeVersion = 1) => {
      nodes.push({ name, type, typeVersion, parameters, position: [block * 200, nodes.length * 10] });
      return name;
    };
    // Only the first request paginates: items fan out once, then flow through every block.
    const fetch = add(`Fetch ${block}`, 'n8n-nodes-base.httpRequest', { url: 'https://example.com', options: block === 0 ? { pagination: { pagination: {} } } : {} }, 4.2);
    const loop = add(`Loop ${block}`, 'n8n-nodes-base.splitInBatches', { batchSize: 5, options: {} }, 3);
    const check = add(`IF ${block}`, 'n8n-nodes-base.if', {}, 2.2);
    const set = add(`Set ${block}`, 'n8n-nodes-base.set', {}, 3.4);
    const agent = add(`Agent ${block}`, '@n8n/n8n-nodes-langchain.agent', { options: { maxIterations: 4 } }, 1.7);
    const model = add(`Model ${block}`, '@n8n/n8n-nodes-langchain.lmChatOpenAi', { model: { __rl: true, value: 'gpt-4o-mini' }, options: { maxTokens: 500 } }, 1.2);
    const tool = add(`Tool ${block}`, '@n8n/n8n-nodes-langchain.toolCalculator');
    const code = add(`Code ${block}`, 'n8n-nodes-base.code', { jsCode: 'return $input.all();' }, 2);
    const merge = add(`Merge ${block}`, 'n8n-nodes-base.merge', {}, 3);
    for (let k = 0; k < 10; k++) add(`Step ${block}.${k}`, 'n8n-nodes-base.set', {}, 3.4);
    const done = add(`Done ${block}`, 'n8n-nodes-base.noOp');
    link(previous, fetch);
    link(fetch, loop);
    link(loop, done, 0);
    link(loop, check, 1);
    link(check, set, 0);
    link(check, agent, 1);
    link(model, agent, 0, 'ai_languageModel');
    link(tool, agent, 0, 'ai_tool');
    link(set, merge);
    link(agent, code);
    link(code, merge);
    let step = merge;
    for (let k = 0; k < 10; k++) {
      link(step, `Step ${block}.${k}`);
      step = `Step ${block}.${k}`;
    }
    link(step, loop);
    previous = done;
  }
  // Pad to exactly 250 nodes with a tail of Set nodes after the last block.
  for (let k = 0; nodes.length < 250; k++) {
    const name = `Tail ${k}`;
    nodes.push({ name, type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: {}, position: [0, k * 10] });
    link(previous, name);
    previous = name;
  }
  return JSON.stringify({ name: 'synthetic', nodes, connections }, null, 2);
}

const texts = filesIn(folder).map((f) => readFileSync(f, 'utf8'));
const book = getPriceBook('default');
const parseAll = () => {
  for (const text of texts) parseTree(text, [] as ParseError[], { allowTrailingComma: true, disallowComments: false });
};
const analyzeAll = () => {
  for (const text of texts) analyzeWorkflow(text, book);
};
parseAll();
analyzeAll();
const parseTimes: number[] = [];
const analyzeTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // Alternate, so that drift on a shared machine hits both alike.
  parseTimes.push(time(parseAll));
  analyzeTimes.push(time(analyzeAll));
}
const parseMs = median(parseTimes);
const analyzeMs = median(analyzeTimes);
const ratio = analyzeMs / parseMs;
console.log(`corpus: ${texts.length} files from ${folder}`);
console.log(`  jsonc-parser parseTree: median ${parseMs.toFixed(1)} ms over ${ROUNDS} rounds`);
console.log(`  analyzeWorkflow:        median ${analyzeMs.toFixed(1)} ms over ${ROUNDS} rounds`);
console.log(`  ratio analyze / parse:  ${ratio.toFixed(2)}× (target ≤ 3×) ${ratio <= 3 ? 'OK' : 'OVER'}`);

const text = synthetic();
const nodeCount = (JSON.parse(text) as { nodes: unknown[] }).nodes.length;
for (let i = 0; i < 20; i++) analyzeWorkflow(text, book);
const singles: number[] = [];
for (let i = 0; i < 200; i++) singles.push(time(() => analyzeWorkflow(text, book)));
const single = median(singles);
console.log(`synthetic workflow: ${nodeCount} nodes, ${singles.length} analyses`);
console.log(`  median ${single.toFixed(2)} ms (target ≤ 5 ms) ${single <= 5 ? 'OK' : 'OVER'}`);
reportResult('estimator', [
  { name: `analyzeWorkflow / jsonc-parser parse, ${texts.length} files`, value: Number(ratio.toFixed(2)), unit: '×', target: '≤ 3×', ok: ratio <= 3 },
  { name: `analyzeWorkflow, synthetic ${nodeCount}-node workflow (median)`, value: Number(single.toFixed(2)), unit: 'ms', target: '≤ 5 ms', ok: single <= 5 },
]);
