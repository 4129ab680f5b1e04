import type { WorkflowDocument } from '../../../shared-pricing/src';
import type { Disposable, TextDocument } from '../api';
import { analyzeDocument, type AnalysisSettings, type DocumentAnalysis } from './analyzeDocument';

/** Timer functions, injectable so tests drive the debounce without waiting. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Holds the latest analysis of each open document and re-analyses on edit, debounced. Providers
 * read `get(document)`; listeners hear the URI of every document whose analysis changed.
 */
export class WorkflowStore implements Disposable {
  private readonly entries = new Map<string, DocumentAnalysis>();
  private readonly pending = new Map<string, unknown>();
  private readonly listeners = new Set<(uri: string) => void>();

  constructor(
    private settings: AnalysisSettings,
    private readonly delayMs: number,
    private readonly timers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
  ) {}

  /** The analysis of `document`: the cached one (possibly of an older version while an edit is pending), or a fresh one. */
  get(document: TextDocument): DocumentAnalysis | undefined {
    if (document.languageId !== 'json' && document.languageId !== 'jsonc') return undefined;
    const key = document.uri.toString();
    const cached = this.entries.get(key);
    if (cached && (cached.version === document.version || this.pending.has(key))) return cached;
    return this.analyzeNow(document);
  }

  /** Re-analyses `document` after the debounce delay; edits in between restart the wait. */
  schedule(document: TextDocument): void {
    if (document.languageId !== 'json' && document.languageId !== 'jsonc') return;
    const key = document.uri.toString();
    const previous = this.pending.get(key);
    if (previous !== undefined) this.timers.clearTimeout(previous);
    this.pending.set(key, this.timers.setTimeout(() => {
      this.pending.delete(key);
      this.analyzeNow(document);
    }, this.delayMs));
  }

  /** Forgets a closed document. */
  forget(document: TextDocument): void {
    const key = document.uri.toString();
    const handle = this.pending.get(key);
    if (handle !== undefined) this.timers.clearTimeout(handle);
    this.pending.delete(key);
    if (this.entries.delete(key)) this.fire(key);
  }

  /** New settings (price book, budgets, assumptions): every cached analysis is redone. */
  reconfigure(settings: AnalysisSettings, open: readonly TextDocument[]): void {
    this.settings = settings;
    // The texts have not changed: each keeps its parse, only the analysis is redone.
    const parsed = new Map([...this.entries].map(([key, entry]) => [key, entry.document]));
    this.entries.clear();
    for (const document of open) this.analyzeNow(document, parsed.get(document.uri.toString()));
  }

  get current(): AnalysisSettings {
    return this.settings;
  }

  onDidChange(listener: (uri: string) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    for (const handle of this.pending.values()) this.timers.clearTimeout(handle);
    this.pending.clear();
    this.listeners.clear();
  }

  private analyzeNow(document: TextDocument, parsed?: WorkflowDocument): DocumentAnalysis {
    const key = document.uri.toString();
    let result = analyzeDocument(document.getText(), document.version, document.fileName, this.settings, parsed);
    const previous = this.entries.get(key);
    // Half-typed JSON that no longer reads (or analyses) as a workflow: keep showing the last good analysis.
    if ((result.kind === 'other' || result.kind === 'failed') && result.syntaxErrors > 0 && previous?.kind === 'workflow') {
      result = { ...previous, version: document.version, stale: true };
    }
    this.entries.set(key, result);
    this.fire(key);
    return result;
  }

  private fire(key: string): void {
    for (const listener of this.listeners) {
      try {
        listener(key);
      } catch {
        // One failing view must not stop the others from updating.
      }
    }
  }
}
