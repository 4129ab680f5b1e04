import assert from 'node:assert/strict';
import { SHOW_BREAKDOWN } from '../../../vscode-extension/src/providers/codeLens';
import { createStatusBar } from '../../../vscode-extension/src/providers/statusBar';
import { WorkflowStore } from '../../../vscode-extension/src/analysis/workflowStore';
import { fakeSettings, LOOP_TEXT } from '../fixtures';
import { StubDocument, StubStatusBarItem, ThemeColor } from '../vscode-stub';
import { setup } from './setup';

describe('unit: status bar', () => {
  it('shows per execution and per month of the active workflow, and opens the breakdown', () => {
    const { api, store, document } = setup();
    const item = new StubStatusBarItem();
    createStatusBar(api, store, item, () => ({})).update(document);
    assert.deepEqual([item.text, item.visible, item.command, item.backgroundColor], ['$(credit-card) ≈ 1230.1 cr/exec · 36903 cr/mo', true, SHOW_BREAKDOWN, undefined]);
  });

  it('turns to a warning over budget and says which', () => {
    const { api, store, document } = setup();
    const item = new StubStatusBarItem();
    createStatusBar(api, store, item, () => ({ perMonth: 10_000_000 })).update(document);
    assert.equal(item.text, '$(warning) ≈ 1230.1 cr/exec · 36903 cr/mo');
    assert.equal((item.backgroundColor as ThemeColor).id, 'statusBarItem.warningBackground');
    assert.equal(String(item.tooltip).includes('over budget (10000/month)'), true);
  });

  it('says when it shows the last readable version of half-typed JSON', () => {
    const { api, store, document } = setup();
    store.get(document);
    document.setText(document.getText().replace('"name": "AI Agent"', '"name": "AI Agent'));
    const item = new StubStatusBarItem();
    createStatusBar(api, store, item, () => ({})).update(document);
    assert.equal(String(item.tooltip).split('\n').pop(), 'the JSON is incomplete: showing the estimate of the last readable version');
  });

  it('hides for JSON that is not a workflow', () => {
    const { api, store } = setup();
    const item = new StubStatusBarItem();
    item.visible = true;
    createStatusBar(api, store, item, () => ({})).update(new StubDocument('{"a": 1}', '/w/a.json'));
    assert.equal(item.visible, false);
  });

  it('says why a file was not analysed', () => {
    const { api } = setup();
    const store = new WorkflowStore(fakeSettings(undefined, { maxChars: 100 }), 300);
    const item = new StubStatusBarItem();
    createStatusBar(api, store, item, () => ({})).update(new StubDocument(LOOP_TEXT));
    assert.equal(item.text, '$(warning) n8n Credits: file too large');
    assert.equal(String(item.tooltip).endsWith('limit (setting n8nCredits.maxFileSizeMB)'), true);
  });

  it('shows a settings problem such as an invalid price book, even with no workflow open', () => {
    const { api, store } = setup();
    const item = new StubStatusBarItem();
    createStatusBar(api, store, item, () => ({})).setProblem('price book "bad.json" not used', undefined);
    assert.deepEqual([item.text, item.visible], ['$(warning) n8n Credits: price book "bad.json" not used', true]);
  });
});
