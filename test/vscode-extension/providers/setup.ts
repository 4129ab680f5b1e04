import type { AnalysisSettings } from '../../../vscode-extension/src/analysis/analyzeDocument';
import { WorkflowStore } from '../../../vscode-extension/src/analysis/workflowStore';
import type { Finding } from '../../../shared-pricing/src';
import { fakeSettings, LOOP_TEXT } from '../fixtures';
import { createStub, StubDocument } from '../vscode-stub';

/** A stand-in API, a store with the hand-built analysis, and the fixture opened as the active document. */
export function setup(findings: (text: string) => Finding[] = () => [], text = LOOP_TEXT, overrides: Partial<AnalysisSettings> = {}) {
  const stub = createStub();
  const store = new WorkflowStore(fakeSettings(findings, overrides), 300, { setTimeout: () => 0, clearTimeout: () => undefined });
  const document = new StubDocument(text);
  stub.activate(document);
  return { stub, api: stub.api, store, document };
}
