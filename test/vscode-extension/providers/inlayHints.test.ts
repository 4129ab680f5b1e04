import assert from 'node:assert/strict';
import { createInlayHintsProvider } from '../../../vscode-extension/src/providers/inlayHints';
import { setup } from './setup';

describe('unit: inlay hints provider', () => {
  it('puts each node\'s credits right after its type value', () => {
    const { api, store, document, stub } = setup();
    const all = new stub.api.Range(new stub.api.Position(0, 0), new stub.api.Position(1000, 0));
    const hints = createInlayHintsProvider(api, store).provideInlayHints(document, all);
    const http = hints[2];
    const line = document.getText().split('\n')[http?.position.line ?? 0] ?? '';
    assert.equal(line.slice(0, http?.position.character), '      "type": "n8n-nodes-base.httpRequest"');
    assert.deepEqual(hints.map((h) => h.label), ['≈ 0 cr', '≈ 10.1 cr', '≈ 100 cr', '≈ 1120 (570–2220) cr', '≈ 1100 (550–2200) cr', '0 cr']);
  });

  it('returns only the hints inside the requested range', () => {
    const { api, store, document, stub } = setup();
    const range = new stub.api.Range(new stub.api.Position(18, 0), new stub.api.Position(24, 0));
    assert.deepEqual(createInlayHintsProvider(api, store).provideInlayHints(document, range).map((h) => h.label), ['≈ 100 cr']);
  });
});
