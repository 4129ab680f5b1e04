/**
 * A fixture workflow and a hand-built analysis of it, so the providers are tested on exact,
 * known numbers independent of the estimator. Ranges come from the fixture text itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Finding, NodeEstimate, Range, WorkflowAnalysis, WorkflowDocument } from '../../shared-pricing/src';
import { getPriceBook } from '../../shared-pricing/src';
import type { AnalysisSettings } from '../../vscode-extension/src/analysis/analyzeDocument';

export const LOOP_TEXT = readFileSync(join(__dirname, 'fixtures/loop.workflow.json'), 'utf8');

export const point = (n: number): Range => ({ expected: n, min: n, max: n });

/** The source range of a node of `text`, by name, as jsonc-parser's tree has it (independent of the extension's reading). */
export function rangeOf(text: string, name: string) {
  const nodes = findNodeAtLocation(parseTree(text) as NonNullable<ReturnType<typeof parseTree>>, ['nodes'])?.children ?? [];
  const node = nodes.find((n) => findNodeAtLocation(n, ['name'])?.value === name);
  if (!node) throw new Error(`no node ${name}`);
  return { offset: node.offset, length: node.length };
}

/** The text an `analyze` was given, whether as text or as a parsed document. */
export function textOf(source: string | WorkflowDocument): string {
  return typeof source === 'string' ? source : source.text;
}

function node(text: string, name: string, type: string, fields: Partial<NodeEstimate>): NodeEstimate {
  return {
    name, type, range: rangeOf(text, name), disabled: false, reachable: true, explicit: true, unit: 'run',
    runs: point(1), itemsPerRun: point(1), items: point(1), credits: point(0), totalCredits: point(0),
    path: [], assumptions: [], findings: [], loops: [], ...fields,
  };
}

const loopStep = { kind: 'loop' as const, node: 'Loop Over Items', description: 'Loop Over Items: 100 items / batch 1 = 100 iterations', factor: point(100) };

/** The analysis of `LOOP_TEXT` (or an edited copy with the same node names). */
export function loopAnalysis(text = LOOP_TEXT, findings: Finding[] = []): WorkflowAnalysis {
  const nodes = [
    node(text, 'Every day', 'n8n-nodes-base.scheduleTrigger', { className: 'trigger', items: point(100), itemsPerRun: point(100),
      assumptions: [{ name: 'itemsPerTrigger', value: 100, source: 'config-workflow', node: 'Every day', howToChange: 'workflows["Enrich leads"].itemsPerTrigger in .n8n-credits.json' }] }),
    node(text, 'Loop Over Items', 'n8n-nodes-base.splitInBatches', { className: 'core', runs: point(101), items: point(100), credits: point(10100), totalCredits: point(10100) }),
    node(text, 'HTTP Request', 'n8n-nodes-base.httpRequest', {
      className: 'http', runs: point(100), items: { expected: 1000, min: 100, max: 100000 }, itemsPerRun: { expected: 10, min: 1, max: 1000 },
      credits: point(100000), totalCredits: point(100000), loops: ['Loop Over Items'], path: [loopStep],
      assumptions: [{ name: 'itemsPerFanOut', value: 10, source: 'default', node: 'HTTP Request', howToChange: 'add "credits: items=10" to the node\'s notes', unbounded: true }],
    }),
    node(text, 'AI Agent', '@n8n/n8n-nodes-langchain.agent', {
      className: 'ai-agent', runs: point(100), items: point(100), credits: point(20000), totalCredits: { expected: 1120000, min: 570000, max: 2220000 },
      loops: ['Loop Over Items'], path: [loopStep],
    }),
    node(text, 'OpenAI Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', {
      className: 'ai-llm', unit: 'tokens', parent: 'AI Agent', model: 'gpt-4o', runs: point(200), llmCalls: point(200),
      credits: { expected: 1100000, min: 550000, max: 2200000 }, totalCredits: { expected: 1100000, min: 550000, max: 2200000 },
      loops: ['Loop Over Items'], path: [loopStep, { kind: 'agent-iterations', node: 'AI Agent', description: 'AI Agent: 2 LLM calls per item', factor: point(2) }],
      assumptions: [
        { name: 'agentIterations', value: 2, source: 'default', node: 'AI Agent', howToChange: 'add "credits: iterations=3" to the notes of AI Agent' },
        { name: 'inputTokensPerCall', value: 1000, source: 'default', howToChange: 'defaults.inputTokensPerCall in .n8n-credits.json' },
      ],
    }),
    node(text, 'Old step', 'n8n-nodes-base.set', { className: 'core', disabled: true, runs: point(0), items: point(0) }),
  ];
  return {
    ok: true, name: 'Enrich leads', id: 'wf-leads', fileName: 'flow.workflow.json', nodes, triggers: ['Every day'],
    perExecution: { expected: 1230100, min: 680100, max: 2330100 },
    monthly: { runsPerMonth: point(30), basis: 'every day: 30 a month', triggers: [{ node: 'Every day', type: 'n8n-nodes-base.scheduleTrigger', runsPerMonth: 30, basis: 'every day', source: 'schedule' }], credits: { expected: 36903000, min: 20403000, max: 69903000 } },
    assumptions: nodes.flatMap((n) => n.assumptions), findings, priceBook: 'default',
  };
}

/** A lint finding on a node of `text`. */
export function findingOn(text: string, name: string, ruleId: string, severity: Finding['severity'], message: string): Finding {
  return { ruleId, severity, message, node: name, range: rangeOf(text, name) };
}

/** Analysis settings whose `analyze` returns the hand-built analysis of whatever text it gets. */
export function fakeSettings(findings: (text: string) => Finding[] = () => [], overrides: Partial<AnalysisSettings> = {}): AnalysisSettings {
  return { analyze: (source) => loopAnalysis(textOf(source), findings(textOf(source))), priceBook: getPriceBook('default'), config: {}, maxChars: 5_000_000, ...overrides };
}
