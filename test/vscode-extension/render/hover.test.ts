import assert from 'node:assert/strict';
import { getPriceBook } from '../../../shared-pricing/src';
import { actualText, hoverMarkdown } from '../../../vscode-extension/src/render/hover';
import { loopAnalysis } from '../fixtures';

const node = (name: string) => loopAnalysis().nodes.find((n) => n.name === name)!;

describe('unit: hoverMarkdown', () => {
  it('shows the class, rate and unit, runs and items, the loop path and each assumption with how to change it', () => {
    const text = hoverMarkdown(node('HTTP Request'), getPriceBook('default'));
    assert.equal(text, [
      '**HTTP Request** · `n8n-nodes-base.httpRequest`', '',
      '**≈ 100 credits per execution**', '',
      '- Priced by class `http`: 1 cr per run',
      '- Runs: 100 · items per run: 10 (1–1000) · items: 1000 (100–100000)',
      '', '**Multipliers**', '',
      '- Loop Over Items: 100 items / batch 1 = 100 iterations (×100)',
      '', '**Assumptions**', '',
      '- `itemsPerFanOut` = 10, from default (unbounded guess). To change: add "credits: items=10" to the node\'s notes',
    ].join('\n'));
  });

  it('shows the model with its token rates and the LLM calls', () => {
    const text = hoverMarkdown(node('OpenAI Model'), getPriceBook('default'));
    assert.equal(text.includes('- Model: `gpt-4o`, 2.5 cr / 1K input, 10 cr / 1K output tokens'), true);
    assert.equal(text.includes('- LLM calls: 200'), true);
    assert.equal(text.includes('(counted in AI Agent)'), true);
  });

  it('says when the fallback class priced a node', () => {
    const text = hoverMarkdown({ ...node('HTTP Request'), className: 'app', explicit: false }, getPriceBook('default'));
    assert.equal(text.includes('- Priced by class `app` (fallback: no rule matches this type): 1 cr per run'), true);
  });

  it('puts the ledger average next to the estimate', () => {
    assert.equal(actualText(node('HTTP Request'), { average: 95400, executions: 30 }), 'est. 100 · actual 95.4 avg over 30 runs');
    assert.equal(hoverMarkdown(node('HTTP Request'), getPriceBook('default'), { average: 95400, executions: 30 }).includes('Ledger: est. 100 · actual 95.4 avg over 30 runs'), true);
  });
});
