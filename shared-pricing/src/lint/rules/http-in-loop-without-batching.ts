import { formatCount } from '../helpers/formatCount';
import type { LintRule } from '../types';

const HTTP_TYPE = 'n8n-nodes-base.httpRequest';

/**
 * An HTTP Request inside Loop Over Items with batch size 1 runs (and is charged) once per item;
 * a larger batch or one request for all items costs a fraction.
 */
export const httpInLoopWithoutBatching: LintRule = {
  meta: {
    id: 'http-in-loop-without-batching',
    description: 'HTTP Request inside a loop that handles one item per iteration.',
    docs: 'docs/rules/http-in-loop-without-batching.md',
    rationale: "An HTTP Request is priced per run: with batch size 1 the loop pays one request per item where many APIs take a list in one call.",
    fix: "Use the API's batch endpoint with a larger batch size, or aggregate the items into one request; raise minRuns or turn the rule off if the API takes one item per call.",
    defaultSeverity: 'warning',
    options: {
      maxBatchSize: { type: 'integer', minimum: 1, default: 1, description: 'Report when the enclosing loop\'s batch size is at most this.' },
      minRuns: { type: 'integer', minimum: 1, default: 2, description: 'Report only when the request runs at least this many times per execution (expected).' },
    },
    messages: {
      unbatched: 'HTTP Request "{node}" runs once per item inside loop "{loop}" (batch size {batchSize}): {runs} runs per execution; raise the batch size or send the items in one request',
    },
  },
  check(context) {
    for (const node of context.analysis.nodes) {
      if (node.type !== HTTP_TYPE || node.disabled || !node.reachable || node.loops.length === 0) continue;
      if (node.runs.expected < (context.options.minRuns as number)) continue;
      const loop = node.loops[node.loops.length - 1] as string;
      const batchSize = loopBatchSize(context.rawNode(loop)?.parameters.batchSize, context.node(loop)?.typeVersion);
      if (batchSize > (context.options.maxBatchSize as number)) continue;
      context.report({ messageId: 'unbatched', node: node.name, data: { node: node.name, loop, batchSize, runs: formatCount(node.runs.expected) } });
    }
  },
};

/** Loop Over Items' batch size as written, or n8n's default (1 from version 3, 10 before). */
function loopBatchSize(value: unknown, typeVersion: number | undefined): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return (typeVersion ?? 3) >= 3 ? 1 : 10;
}
