import assert from 'node:assert/strict';
import { findNodeAtLocation, parseTree, type JSONPath } from 'jsonc-parser';
import { createCodeActionProvider, OPEN_RULE_DOC } from '../../../vscode-extension/src/providers/codeActions';
import { createDiagnostics } from '../../../vscode-extension/src/providers/diagnostics';
import { getPriceBook } from '../../../shared-pricing/src';
import { findingOn, LOOP_TEXT } from '../fixtures';
import { StubDiagnosticCollection, type WorkspaceEdit } from '../vscode-stub';
import { setup } from './setup';

/** The value at `path` of an edited text, read by jsonc-parser (not by the code under test). */
const valueAt = (text: string, path: JSONPath): unknown => {
  const root = parseTree(text);
  return root && findNodeAtLocation(root, path)?.value;
};

/** The fixture with one finding on `node`, and the code actions offered for it. */
function actionsFor(node: string, ruleId: string) {
  const book = getPriceBook('default');
  // Two models only, so the offered switch is known whatever the shipped preset holds.
  const priceBook = { ...book, models: { 'gpt-4o': { input: 2500, output: 10000 }, 'gpt-4o-mini': { input: 150, output: 600 } } };
  const ctx = setup((text) => [findingOn(text, node, ruleId, 'warning', 'message')], LOOP_TEXT, { priceBook });
  const collection = new StubDiagnosticCollection();
  createDiagnostics(ctx.api, ctx.store, collection).update(ctx.document);
  const diagnostics = collection.get(ctx.document.uri) ?? [];
  const actions = createCodeActionProvider(ctx.api, ctx.store).provideCodeActions(ctx.document, diagnostics[0]!.range, { diagnostics });
  return { ...ctx, actions };
}

describe('unit: code actions', () => {
  it('offers the fixes that apply to an AI agent in a loop, preferred first', () => {
    const { actions } = actionsFor('AI Agent', 'premium-model-on-hot-path');
    assert.deepEqual(actions.map((a) => a.title), [
      'Switch "OpenAI Model" to the cheaper model gpt-4o-mini',
      'Set executeOnce on "AI Agent" (run once for all items)',
      'Set the batch size of "Loop Over Items" to 10',
      'Set the batch size of "Loop Over Items" to 50',
      'Open the documentation of premium-model-on-hot-path',
    ]);
    assert.equal(actions[0]?.isPreferred, true);
  });

  it('switches the model of the agent\'s language model to a cheaper one of the price book', () => {
    const { actions, document } = actionsFor('AI Agent', 'premium-model-on-hot-path');
    const action = actions[0]!;
    const text = document.apply(action.edit as unknown as WorkspaceEdit);
    assert.equal(valueAt(text, ['nodes', 4, 'parameters', 'model', 'value']), 'gpt-4o-mini');
    assert.equal(text.includes('"model": { "__rl": true, "value": "gpt-4o-mini", "mode": "list" }'), true);
  });

  it('sets executeOnce on the node', () => {
    const { actions, document } = actionsFor('HTTP Request', 'http-in-loop-without-batching');
    const action = actions.find((a) => a.title.startsWith('Set executeOnce'))!;
    const text = document.apply(action.edit as unknown as WorkspaceEdit);
    assert.equal(valueAt(text, ['nodes', 2, 'executeOnce']), true);
  });

  it('changes the batch size of the enclosing loop', () => {
    const { actions, document } = actionsFor('HTTP Request', 'http-in-loop-without-batching');
    const action = actions.find((a) => a.title === 'Set the batch size of "Loop Over Items" to 50')!;
    const text = document.apply(action.edit as unknown as WorkspaceEdit);
    assert.equal(valueAt(text, ['nodes', 1, 'parameters', 'batchSize']), 50);
  });

  it('writes the guessed assumption into the node\'s notes in the estimator\'s syntax', () => {
    const { actions, document } = actionsFor('HTTP Request', 'unbounded-item-count');
    const action = actions.find((a) => a.title.startsWith('Write the assumption'))!;
    assert.equal(action.title, 'Write the assumption "credits: items=10" into the notes of "HTTP Request"');
    const text = document.apply(action.edit as unknown as WorkspaceEdit);
    assert.equal(valueAt(text, ['nodes', 2, 'notes']), 'credits: items=10');
  });

  it('opens the rule\'s documentation through a command', () => {
    const { actions } = actionsFor('HTTP Request', 'unbounded-item-count');
    const action = actions[actions.length - 1]!;
    assert.deepEqual([action.command?.command, action.command?.arguments], [OPEN_RULE_DOC, ['unbounded-item-count']]);
  });

  it('ignores diagnostics of other sources', () => {
    const ctx = setup();
    const foreign = new ctx.stub.api.Diagnostic(new ctx.stub.api.Range(new ctx.stub.api.Position(18, 0), new ctx.stub.api.Position(18, 1)), 'json', 1);
    foreign.source = 'json';
    assert.deepEqual(createCodeActionProvider(ctx.api, ctx.store).provideCodeActions(ctx.document, foreign.range, { diagnostics: [foreign] }), []);
  });
});
