/**
 * The browser bundle (dist/web/extension.js, the web extension) activates with nothing but the
 * `vscode` module and browser globals: no `process`, no Node built-ins. It runs in a bare V8
 * context against the hand-written `vscode` stand-in and renders the fixture's lenses.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext as createVmContext, runInContext } from 'node:vm';
import type { ActivatedExtension } from '../../../vscode-extension/src/extension';
import { createContext, createStub, StubDocument } from '../../vscode-extension/vscode-stub';
import { buildVsix, ROOT } from './codeServer';

describe('e2e: the web extension bundle', () => {
  it('activates without Node and shows the lenses of a workflow', async () => {
    buildVsix();
    const source = readFileSync(join(ROOT, 'vscode-extension/dist/web/extension.js'), 'utf8');
    const stub = createStub();
    const document = new StubDocument(readFileSync(join(__dirname, 'fixtures/leads.workflow.json'), 'utf8'));
    stub.activate(document);
    const module = { exports: {} as { activate?: (context: unknown) => ActivatedExtension } };
    const required: string[] = [];
    const sandbox = createVmContext({
      module, exports: module.exports, console, TextDecoder, TextEncoder, URL, setTimeout, clearTimeout, queueMicrotask,
      fetch: async () => ({ ok: false, status: 599, json: async () => ({}) }),
      require: (id: string) => {
        required.push(id);
        if (id === 'vscode') return stub.api;
        throw new Error(`the web bundle required "${id}"`);
      },
    });
    runInContext(source, sandbox, { filename: 'dist/web/extension.js' });
    const extension = module.exports.activate?.(createContext());
    await extension?.ready;
    const titles = stub.providers.codeLens[0]?.provideCodeLenses(document).map((l) => l.command?.title ?? '') ?? [];
    assert.deepEqual(required, ['vscode']);
    assert.equal(titles.length, 7);
    assert.match(titles[0] ?? '', /^n8n Credits: ≈ [\d.]+ cr per execution · ≈ [\d.]+ cr\/month \(30 runs\)$/);
    assert.match(titles[3] ?? '', /^≈ [\d.]+ cr\/run · ×100 runs in Loop Over Items → [\d.]+$/);
  });
});
