import assert from 'node:assert/strict';
import sinon from 'sinon';
import { WorkflowStore, type Timers } from '../../../vscode-extension/src/analysis/workflowStore';
import { fakeSettings, LOOP_TEXT, textOf } from '../fixtures';
import { StubDocument } from '../vscode-stub';

/** Timers that run only when the test says so. */
function manualTimers(): Timers & { flush(): void; pending: number } {
  const queue = new Map<number, () => void>();
  let next = 1;
  return {
    setTimeout: (fn) => (queue.set(next, fn), next++),
    clearTimeout: (h) => void queue.delete(h as number),
    flush: () => {
      const fns = [...queue.values()];
      queue.clear();
      fns.forEach((f) => f());
    },
    get pending() {
      return queue.size;
    },
  };
}

describe('unit: WorkflowStore', () => {
  it('analyses a document on first request and caches it for the same version', () => {
    let calls = 0;
    const settings = fakeSettings();
    const store = new WorkflowStore({ ...settings, analyze: (...args) => (calls++, settings.analyze(...args)) }, 300, manualTimers());
    const doc = new StubDocument(LOOP_TEXT);
    store.get(doc);
    store.get(doc);
    assert.equal(calls, 1);
  });

  it('debounces edits: three quick edits make one analysis, of the last text', () => {
    const timers = manualTimers();
    const texts: string[] = [];
    const settings = fakeSettings();
    const store = new WorkflowStore({ ...settings, analyze: (text, ...rest) => (texts.push(textOf(text)), settings.analyze(text, ...rest)) }, 300, timers);
    const doc = new StubDocument(LOOP_TEXT);
    store.get(doc);
    for (const suffix of [' ', '  ', '   ']) {
      doc.setText(LOOP_TEXT + suffix);
      store.schedule(doc);
    }
    assert.equal(timers.pending, 1);
    timers.flush();
    assert.deepEqual(texts.map((t) => t.length - LOOP_TEXT.length), [0, 3]);
  });

  it('serves the previous analysis while an edit waits for its debounce', () => {
    const timers = manualTimers();
    const store = new WorkflowStore(fakeSettings(), 300, timers);
    const doc = new StubDocument(LOOP_TEXT);
    const first = store.get(doc);
    doc.setText(LOOP_TEXT + ' ');
    store.schedule(doc);
    assert.equal(store.get(doc), first);
    timers.flush();
    assert.equal(store.get(doc)?.version, 2);
  });

  it('tells listeners which document changed, and forgets closed documents', () => {
    const store = new WorkflowStore(fakeSettings(), 300, manualTimers());
    const heard: string[] = [];
    store.onDidChange((uri) => heard.push(uri));
    const doc = new StubDocument(LOOP_TEXT, '/w/a.json');
    store.get(doc);
    store.forget(doc);
    assert.deepEqual(heard, ['file:///w/a.json', 'file:///w/a.json']);
  });

  it('keeps the last good analysis while the text is half-typed beyond recognition', () => {
    const timers = manualTimers();
    const store = new WorkflowStore(fakeSettings(), 300, timers);
    const doc = new StubDocument(LOOP_TEXT);
    store.get(doc);
    doc.setText(LOOP_TEXT.replace('"name": "AI Agent"', '"name": "AI Agent'));
    store.schedule(doc);
    timers.flush();
    const entry = store.get(doc);
    assert.deepEqual([entry?.kind, entry?.stale, entry?.version, entry?.nodes.size], ['workflow', true, 2, 6]);
  });

  it('redoes the analysis with new settings from the parse it already has of an unchanged text', () => {
    const store = new WorkflowStore(fakeSettings(), 300, manualTimers());
    const doc = new StubDocument(LOOP_TEXT);
    const before = store.get(doc)?.document;
    const parse = sinon.spy(JSON, 'parse');
    try {
      store.reconfigure(fakeSettings(undefined, { maxChars: 4_000_000 }), [doc]);
      assert.deepEqual([parse.callCount, store.get(doc)?.document === before, store.current.maxChars], [0, true, 4_000_000]);
    } finally {
      parse.restore();
    }
  });

  it('ignores documents that are not JSON', () => {
    const store = new WorkflowStore(fakeSettings(), 300, manualTimers());
    assert.equal(store.get(new StubDocument(LOOP_TEXT, '/w/a.md', 'markdown')), undefined);
  });
});
