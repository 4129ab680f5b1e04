import assert from 'node:assert/strict';
import { activate } from '../../vscode-extension/src/extension';
import { LEDGER_KEY_SECRET, type FetchLike } from '../../vscode-extension/src/providers/ledger';
import { LOOP_TEXT } from './fixtures';
import { createContext, createStub, StubDocument } from './vscode-stub';

const noFetch: FetchLike = async () => ({ ok: false, status: 599, json: async () => ({}) });

function start(settings: Record<string, unknown> = {}, files: Record<string, string> = {}, fetch: FetchLike = noFetch, secrets: Record<string, string> = {}) {
  const stub = createStub();
  for (const [k, v] of Object.entries(settings)) stub.settings.set(`n8nCredits.${k}`, v);
  for (const [k, v] of Object.entries(files)) stub.files.set(k, v);
  const context = createContext();
  for (const [k, v] of Object.entries(secrets)) context.secretsMap.set(k, v);
  const document = new StubDocument(LOOP_TEXT);
  stub.activate(document);
  const extension = activate(context, stub.api, fetch);
  return { stub, context, extension, document };
}

describe('unit: extension wiring', () => {
  it('registers every provider, view and command', () => {
    const { stub } = start();
    assert.deepEqual([stub.providers.codeLens.length, stub.providers.hover.length, stub.providers.inlay.length, stub.providers.codeActions.length, [...stub.providers.trees.keys()]], [1, 1, 1, 1, ['n8nCredits.tree']]);
    assert.deepEqual([...stub.commands.keys()].sort(), ['n8nCredits.clearLedgerKey', 'n8nCredits.copyMarkdown', 'n8nCredits.openRuleDoc', 'n8nCredits.refresh', 'n8nCredits.revealNode', 'n8nCredits.setLedgerKey', 'n8nCredits.showBreakdown', 'n8nCredits.showNodeBreakdown']);
  });

  it('puts every disposable into context.subscriptions, so deactivation unregisters everything', () => {
    const { stub, context } = start();
    for (const d of context.subscriptions) d.dispose();
    assert.deepEqual([stub.providers.codeLens.length, stub.providers.hover.length, stub.providers.inlay.length, stub.providers.codeActions.length, stub.providers.trees.size, stub.commands.size], [0, 0, 0, 0, 0, 0]);
    assert.deepEqual([stub.statusItems[0]?.disposed, stub.collections[0]?.disposed], [true, true]);
  });

  it('shows a price book that does not validate in the status bar and a warning, and goes on with the default', async () => {
    const { stub, extension } = start({ priceBook: 'books/bad.json' }, { '/work/books/bad.json': '{"version": 1, "name": "bad"}' });
    await extension.ready;
    const item = stub.statusItems[0];
    assert.equal(item?.text.startsWith('$(warning)'), true);
    assert.equal(String(item?.tooltip).includes('price book "books/bad.json" not used (default instead): price book is not valid:'), true);
    assert.equal(stub.messages.some((m) => m.level === 'warning' && m.text.includes('price book "books/bad.json" not used')), true);
    assert.equal(extension.store.current.priceBook.name, 'default');
  });

  it('loads a price book file from the workspace', async () => {
    const book = JSON.stringify({ extends: 'default', name: 'team' });
    const { extension } = start({ priceBook: 'team.price-book.json' }, { '/work/team.price-book.json': book });
    await extension.ready;
    assert.equal(extension.store.current.priceBook.name, 'team');
  });

  it('merges the assumptions setting over .n8n-credits.json defaults', async () => {
    const { extension } = start({ assumptions: { itemsPerTrigger: 50 } }, { '/work/.n8n-credits.json': '{"defaults": {"itemsPerTrigger": 5, "maxItems": 300}}' });
    await extension.ready;
    assert.deepEqual(extension.store.current.config.defaults, { itemsPerTrigger: 50, maxItems: 300 });
  });

  it('reports an unknown lint rule in .n8n-credits.json with its JSON path', async () => {
    const { stub, extension } = start({}, { '/work/.n8n-credits.json': '{"rules": {"no-such-rule": "error"}}' });
    await extension.ready;
    assert.equal(String(stub.statusItems[0]?.tooltip).includes('.n8n-credits.json: $.rules["no-such-rule"]') || String(stub.statusItems[0]?.tooltip).includes('.n8n-credits.json: $.rules.no-such-rule'), true);
  });

  it('re-analyses after an edit and updates the Problems panel', async () => {
    const { stub, extension, document } = start();
    await extension.ready;
    document.setText(LOOP_TEXT.replace('"batchSize": 1', '"batchSize": 2'));
    stub.events.change.fire({ document });
    await new Promise((r) => setTimeout(r, 350));
    assert.equal(extension.store.get(document)?.version, 2);
    assert.notEqual(stub.collections[0]?.get(document.uri), undefined);
  });

  it('turns a budget setting into the budget lint rule\'s error in Problems', async () => {
    const { stub, extension, document } = start({ 'budgets.perExecution': 0.5 });
    await extension.ready;
    const problems = stub.collections[0]?.get(document.uri) ?? [];
    assert.deepEqual(problems.filter((d) => d.code === 'budget-per-execution').map((d) => d.severity), [stub.api.DiagnosticSeverity.Error]);
  });

  // Regression (issue 20): the CLI read the file's budgets as millicredits and the extension as credits.
  it('reads .n8n-credits.json budgets as millicredits, as the CLI does', async () => {
    // 500 mc = 0.5 credits, below this workflow's cost (the setting test above); 10^9 mc is far above it.
    const errors = async (perExecution: number) => {
      const { stub, extension, document } = start({}, { '/work/.n8n-credits.json': JSON.stringify({ budgets: { perExecution } }) });
      await extension.ready;
      const lens = stub.providers.codeLens[0]!.provideCodeLenses(document)[0]?.command?.title ?? '';
      return [(stub.collections[0]?.get(document.uri) ?? []).filter((d) => d.code === 'budget-per-execution').length, lens.includes('over budget (0.5/execution)')];
    };
    assert.deepEqual([await errors(500), await errors(1_000_000_000)], [[1, true], [0, false]]);
  });

  it('shows each node\'s ledger average next to its estimate, asking with the stored key', async () => {
    const asked: { url: string; auth?: string }[] = [];
    const fetch: FetchLike = async (url, init) => {
      asked.push({ url, auth: init.headers.authorization });
      // The ledger's newest entries: 30 executions of HTTP Request at 11,400 mc each.
      const entries = Array.from({ length: 30 }, (_, i) => ({ nodeName: 'HTTP Request', executionId: `e${i}`, millicredits: 11_400 }));
      return { ok: true, status: 200, json: async () => ({ entries }) };
    };
    const { stub, extension, document } = start({ 'ledger.url': 'http://127.0.0.1:5678' }, {}, fetch, { [LEDGER_KEY_SECRET]: 'k-9' });
    await extension.ready;
    stub.providers.codeLens[0]!.provideCodeLenses(document);
    await new Promise((r) => setTimeout(r, 20));
    const titles = stub.providers.codeLens[0]!.provideCodeLenses(document).map((l) => l.command?.title ?? '');
    assert.deepEqual(asked, [{ url: 'http://127.0.0.1:5678/v1/entries?workflowId=wf-leads&limit=1000', auth: 'Bearer k-9' }]);
    assert.equal(titles.filter((t) => t.includes('actual')).length, 1);
    assert.match(titles.find((t) => t.includes('actual'))!, /^est\. [\d.]+ · actual 11\.4 avg over 30 runs$/);
  });

  it('keeps the ledger key in secret storage', async () => {
    const { stub, context } = start();
    stub.inputAnswers.push('secret-key');
    await stub.commands.get('n8nCredits.setLedgerKey')?.();
    assert.equal(context.secretsMap.get(LEDGER_KEY_SECRET), 'secret-key');
    await stub.commands.get('n8nCredits.clearLedgerKey')?.();
    assert.equal(context.secretsMap.has(LEDGER_KEY_SECRET), false);
  });

  it('opens a rule\'s page from the workspace docs when it is there', async () => {
    const { stub } = start({}, { '/work/docs/rules/ai-in-loop.md': '# ai-in-loop' });
    await stub.commands.get('n8nCredits.openRuleDoc')?.('ai-in-loop');
    assert.deepEqual(stub.executed.map((e) => [e.command, String(e.args[0])]), [['markdown.showPreview', 'file:///work/docs/rules/ai-in-loop.md']]);
  });

  it('opens a rule\'s page online when the workspace has no docs and a URL is set', async () => {
    const { stub } = start({ rulesDocsUrl: 'https://docs.example.test/rules/' });
    await stub.commands.get('n8nCredits.openRuleDoc')?.('ai-in-loop');
    assert.deepEqual(stub.external, ['https://docs.example.test/rules/ai-in-loop.md']);
  });
});
