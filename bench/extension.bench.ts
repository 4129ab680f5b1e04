/**
 * `npm run bench -- extension [nodes]`: the median time the VS Code extension needs to analyse
 * a synthetic workflow (250 nodes by default) through its own analysis path — recognise the
 * workflow, locate nodes, `analyzeWorkflow`, the lint rules — and to render every CodeLens title
 * and inlay label from it. Target: ≤ 10 ms median. Printed, not asserted; ratios against
 * jsonc-parser alone and `analyzeWorkflow` alone are measured in the same run.
 */
import { parseTree } from 'jsonc-parser';
import { analyzeWorkflow, getPriceBook, lintWorkflow } from '../shared-pricing/src';
import { analyzeDocument, type AnalysisSettings } from '../vscode-extension/src/analysis/analyzeDocument';
import { inlayLabel, nodeLensTitle, summaryLensTitle } from '../vscode-extension/src/render/format';
import { reportResult } from './result';

const count = Number(process.argv[2] ?? 250);
const types = ['n8n-nodes-base.set', 'n8n-nodes-base.httpRequest', 'n8n-nodes-base.code', 'n8n-nodes-base.if', 'n8n-nodes-base.slack'];

/** Trigger → Loop Over Items → a chain of mixed nodes looping back, plus an agent with its model. */
function syntheticWorkflow(n: number): string {
  const nodes: Record<string, unknown>[] = [
    { name: 'Trigger', type: 'n8n-nodes-base.scheduleTrigger', typeVersion: 1.2, position: [0, 0], notes: 'credits: items=50', parameters: { rule: { interval: [{ field: 'hours', hoursInterval: 1 }] } } },
    { name: 'Loop', type: 'n8n-nodes-base.splitInBatches', typeVersion: 3, position: [200, 0], parameters: { batchSize: 5 } },
    { name: 'Agent', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 1.7, position: [400, 0], parameters: { text: 'x' } },
    { name: 'Model', type: '@n8n/n8n-nodes-langchain.lmChatOpenAi', typeVersion: 1.2, position: [400, 200], parameters: { model: { __rl: true, value: 'gpt-4o', mode: 'list' } } },
  ];
  for (let i = nodes.length; i < n; i++) nodes.push({ name: `Step ${i}`, type: types[i % types.length], typeVersion: 1, position: [200 * i, 0], parameters: { url: 'https://example.test', value: i } });
  const names = nodes.map((node) => node.name as string);
  const connections: Record<string, unknown> = {
    Trigger: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
    Loop: { main: [[], [{ node: 'Agent', type: 'main', index: 0 }]] },
    Model: { ai_languageModel: [[{ node: 'Agent', type: 'ai_languageModel', index: 0 }]] },
  };
  const chain = ['Agent', ...names.slice(4)];
  chain.forEach((name, i) => {
    const next = chain[i + 1] ?? 'Loop';
    connections[name] = { main: [[{ node: next, type: 'main', index: 0 }]] };
  });
  return JSON.stringify({ name: 'Synthetic', nodes, connections }, null, 2);
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Median milliseconds of each function, the rounds interleaved (one call of each in turn) so that
 * load from other processes on a shared machine hits every figure alike and the ratios hold.
 */
function measure(cases: Array<[label: string, fn: () => unknown]>, rounds = 60): number[] {
  for (let i = 0; i < 20; i++) for (const [, fn] of cases) fn(); // warm-up: JIT and the price book's rule index
  const samples: number[][] = cases.map(() => []);
  for (let i = 0; i < rounds; i++) {
    cases.forEach(([, fn], k) => {
      const start = process.hrtime.bigint();
      fn();
      samples[k]!.push(Number(process.hrtime.bigint() - start) / 1e6);
    });
  }
  return cases.map(([label], k) => {
    const m = median(samples[k]!);
    console.log(`${label.padEnd(44)} median ${m.toFixed(2)} ms`);
    return m;
  });
}

const text = syntheticWorkflow(count);
const book = getPriceBook('default');
const settings: AnalysisSettings = { analyze: analyzeWorkflow, priceBook: book, config: {}, maxChars: 5_000_000, lint: (analysis, document) => lintWorkflow({ analysis, priceBook: book, document }) };
let version = 0;

console.log(`workflow: ${count} nodes, ${(text.length / 1024).toFixed(0)} KiB`);
const [parse, analyze, extension, withRender] = measure([
  ['jsonc-parser parseTree alone', () => parseTree(text)],
  ['analyzeWorkflow alone', () => analyzeWorkflow(text, book, {})],
  ['extension path (analyze + lint + locate)', () => analyzeDocument(text, ++version, 'synthetic.json', settings)],
  [
    'extension path + every lens and inlay label',
    () => {
      const entry = analyzeDocument(text, ++version, 'synthetic.json', settings);
      const a = entry.analysis!;
      return [summaryLensTitle(a), ...a.nodes.map((n) => nodeLensTitle(n) + inlayLabel(n))].length;
    },
  ],
]) as [number, number, number, number];
console.log(`ratio extension path / analyzeWorkflow alone: ${(extension / analyze).toFixed(2)}×`);
console.log(`ratio extension path / jsonc-parser alone:    ${(extension / parse).toFixed(2)}×`);
console.log(`extension path with rendering: ${withRender.toFixed(2)} ms median (target ≤ 10 ms): ${withRender <= 10 ? 'within' : 'OVER'} target`);
reportResult('extension', [
  { name: `extension analysis + rendering, ${count}-node workflow (median)`, value: Number(withRender.toFixed(2)), unit: 'ms', target: '≤ 10 ms', ok: withRender <= 10 },
  { name: 'extension path / analyzeWorkflow alone', value: Number((extension / analyze).toFixed(2)), unit: '×' },
]);
