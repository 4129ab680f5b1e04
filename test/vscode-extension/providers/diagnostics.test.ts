import assert from 'node:assert/strict';
import { analyzeDocument } from '../../../vscode-extension/src/analysis/analyzeDocument';
import { ANALYSIS_PROBLEM, createDiagnostics, DIAGNOSTIC_SOURCE, toDiagnostics } from '../../../vscode-extension/src/providers/diagnostics';
import { fakeSettings, findingOn, LOOP_TEXT } from '../fixtures';
import { StubDiagnosticCollection, StubDocument } from '../vscode-stub';
import { setup } from './setup';

describe('unit: diagnostics', () => {
  it('publishes each finding with its rule id as code, its severity, underlined on its node\'s name', () => {
    const { api, store, document } = setup((text) => [findingOn(text, 'AI Agent', 'ai-in-loop', 'warning', 'AI step "AI Agent" runs 100 times in "Loop Over Items"'), findingOn(text, 'HTTP Request', 'budget-per-execution', 'error', 'over budget')]);
    const collection = new StubDiagnosticCollection();
    createDiagnostics(api, store, collection).update(document);
    const published = collection.get(document.uri) ?? [];
    assert.deepEqual(published.map((d) => [d.code, d.severity, d.source, d.range.start.line, d.message]), [
      ['ai-in-loop', api.DiagnosticSeverity.Warning, DIAGNOSTIC_SOURCE, 26, 'AI step "AI Agent" runs 100 times in "Loop Over Items"'],
      ['budget-per-execution', api.DiagnosticSeverity.Error, DIAGNOSTIC_SOURCE, 19, 'over budget'],
    ]);
    const range = published[0]!.range;
    assert.equal(document.getText().slice(document.offsetAt(range.start), document.offsetAt(range.end)), '"AI Agent"');
  });

  it('keeps the range of a finding that points inside a node', () => {
    const at = LOOP_TEXT.indexOf('"batchSize": 1');
    const { api, store, document } = setup(() => [{ ruleId: 'x', severity: 'info', message: 'm', node: 'Loop Over Items', range: { offset: at, length: 14 } }]);
    const collection = new StubDiagnosticCollection();
    createDiagnostics(api, store, collection).update(document);
    const d = collection.get(document.uri)![0]!;
    assert.deepEqual([d.severity, document.getText().slice(document.offsetAt(d.range.start), document.offsetAt(d.range.end))], [api.DiagnosticSeverity.Information, '"batchSize": 1']);
  });

  it('publishes nothing for JSON that is not a workflow', () => {
    const { api, store } = setup();
    const collection = new StubDiagnosticCollection();
    const other = new StubDocument('{"a": 1}', '/w/a.json');
    createDiagnostics(api, store, collection).update(other);
    assert.deepEqual(collection.get(other.uri), []);
  });

  it('reports a file too large to analyse as one warning on the first line', () => {
    const { api } = setup();
    const entry = analyzeDocument(LOOP_TEXT, 1, 'big.json', fakeSettings(undefined, { maxChars: 10 }));
    const [only, ...rest] = toDiagnostics(api, entry);
    assert.deepEqual([only?.code, only?.severity, only?.range.start.line, rest.length], [ANALYSIS_PROBLEM, api.DiagnosticSeverity.Warning, 0, 0]);
    assert.equal(only?.message.startsWith('n8n Credits: file is 0.0 MB, over the 0.0 MB limit'), true);
  });

  it('clears the diagnostics of a closed document', () => {
    const { api, store, document } = setup((text) => [findingOn(text, 'AI Agent', 'ai-in-loop', 'warning', 'x')]);
    const collection = new StubDiagnosticCollection();
    const diagnostics = createDiagnostics(api, store, collection);
    diagnostics.update(document);
    diagnostics.clear(document);
    assert.equal(collection.get(document.uri), undefined);
  });
});
