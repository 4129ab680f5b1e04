import assert from 'node:assert/strict';
import { createHoverProvider } from '../../../vscode-extension/src/providers/hover';
import type { MarkdownString } from '../vscode-stub';
import { setup } from './setup';

describe('unit: hover provider', () => {
  it('explains the node under the cursor and spans its whole object', () => {
    const { api, store, document } = setup();
    const at = document.getText().indexOf('"url"');
    const hover = createHoverProvider(api, store).provideHover(document, document.positionAt(at));
    const value = (hover?.contents[0] as MarkdownString).value;
    assert.equal(value.split('\n')[0], '**HTTP Request** · `n8n-nodes-base.httpRequest`');
    assert.deepEqual([hover?.range?.start.line, hover?.range?.end.line], [18, 24]);
  });

  it('has nothing to say outside the nodes', () => {
    const { api, store, document } = setup();
    const at = document.getText().indexOf('"connections"');
    assert.equal(createHoverProvider(api, store).provideHover(document, document.positionAt(at)), undefined);
  });

  it('includes the ledger average when there is one', () => {
    const { api, store, document } = setup();
    const hover = createHoverProvider(api, store, () => new Map([['HTTP Request', { average: 95400, executions: 30 }]])).provideHover(document, document.positionAt(document.getText().indexOf('"url"')));
    assert.equal((hover?.contents[0] as MarkdownString).value.includes('Ledger: est. 100 · actual 95.4 avg over 30 runs'), true);
  });
});
