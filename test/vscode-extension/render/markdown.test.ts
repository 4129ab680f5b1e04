import assert from 'node:assert/strict';
import { estimateMarkdown } from '../../../vscode-extension/src/render/markdown';
import { loopAnalysis } from '../fixtures';

describe('unit: estimateMarkdown', () => {
  it('writes the nodes by cost, the totals and the assumptions as a Markdown table', () => {
    const markdown = estimateMarkdown(loopAnalysis());
    assert.equal(markdown, [
      '### Enrich leads: estimated credits', '', 'Price book: `default`', '',
      '| Node | Type | Runs | Items | Credits / execution |', '|---|---|---:|---:|---:|',
      '| AI Agent | `@n8n/n8n-nodes-langchain.agent` | 100 | 100 | 1120 (570–2220) |',
      '| HTTP Request | `n8n-nodes-base.httpRequest` | 100 | 1000 | 100 |',
      '| Loop Over Items | `n8n-nodes-base.splitInBatches` | 101 | 100 | 10.1 |',
      '| Every day | `n8n-nodes-base.scheduleTrigger` | 1 | 100 | 0 |',
      '| Old step | `n8n-nodes-base.set` | 0 | 0 | 0 |',
      '| **Per execution** | | | | **1230.1 (680.1–2330.1)** |',
      '| **Per month** (30 runs: every day: 30 a month) | | | | **36903 (20403–69903)** |',
      '', '**Assumptions**', '',
      '- `itemsPerTrigger` = 100 (Every day), from config-workflow: workflows["Enrich leads"].itemsPerTrigger in .n8n-credits.json',
      '- `itemsPerFanOut` = 10 (HTTP Request), from default: add "credits: items=10" to the node\'s notes',
      '- `agentIterations` = 2 (AI Agent), from default: add "credits: iterations=3" to the notes of AI Agent',
      '- `inputTokensPerCall` = 1000, from default: defaults.inputTokensPerCall in .n8n-credits.json',
      '', 'Amounts in credits (1 credit = 1000 millicredits); 1 cr = one credit.', '',
    ].join('\n'));
  });

  it('escapes pipes in node names so the table holds', () => {
    const analysis = loopAnalysis();
    (analysis.nodes[2] as { name: string }).name = 'a|b';
    assert.equal(estimateMarkdown(analysis).includes('| a\\|b | `n8n-nodes-base.httpRequest`'), true);
  });
});
