import assert from 'node:assert/strict';
import { createBreakdownCommands } from '../../../vscode-extension/src/providers/breakdown';
import { createCopyMarkdownCommand } from '../../../vscode-extension/src/providers/copyMarkdown';
import { estimateMarkdown } from '../../../vscode-extension/src/render/markdown';
import { loopAnalysis } from '../fixtures';
import { StubDocument } from '../vscode-stub';
import { setup } from './setup';

describe('unit: copy as Markdown and breakdown commands', () => {
  it('copies the active workflow\'s estimate table to the clipboard', async () => {
    const { api, store, stub } = setup();
    await createCopyMarkdownCommand(api, store)();
    assert.equal(stub.clipboard.text, estimateMarkdown(loopAnalysis()));
    assert.deepEqual(stub.messages, [{ level: 'info', text: 'n8n Credits: estimate copied as Markdown.' }]);
  });

  it('copies nothing and says so when the active file is not a workflow', async () => {
    const { api, store, stub } = setup();
    stub.activate(new StubDocument('{"a": 1}', '/w/a.json'));
    await createCopyMarkdownCommand(api, store)();
    assert.deepEqual([stub.clipboard.text, stub.messages[0]?.text], ['', 'n8n Credits: open an n8n workflow JSON file to copy its estimate.']);
  });

  it('opens the whole breakdown as a Markdown document', async () => {
    const { api, store, stub, document } = setup();
    await createBreakdownCommands(api, store).showBreakdown(document.uri);
    assert.deepEqual(stub.opened, [{ language: 'markdown', content: estimateMarkdown(loopAnalysis()) }]);
  });

  it('opens one node\'s breakdown', async () => {
    const { api, store, stub, document } = setup();
    await createBreakdownCommands(api, store).showNodeBreakdown(document.uri, 'HTTP Request');
    assert.equal(stub.opened[0]?.content?.startsWith('**HTTP Request** · `n8n-nodes-base.httpRequest`\n'), true);
  });
});
