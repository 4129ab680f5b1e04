/**
 * A hand-written stand-in for the `vscode` module: the classes and namespaces the extension
 * uses, recording what the providers register and show, so unit tests can assert on it.
 */
import type {
  CodeActionProvider, CodeLensProvider, Command, Disposable, Event, ExtensionContext, HoverProvider, InlayHintsProvider,
  TextDocument, TextEditor, TreeDataProvider, VscodeApi,
} from '../../vscode-extension/src/api';

export class Position {
  constructor(readonly line: number, readonly character: number) {}
  isBefore(other: Position): boolean {
    return this.line < other.line || (this.line === other.line && this.character < other.character);
  }
}

export class Range {
  constructor(readonly start: Position, readonly end: Position) {}
  contains(p: Position | Range): boolean {
    const pos = p instanceof Range ? p.start : p;
    return !pos.isBefore(this.start) && !this.end.isBefore(pos);
  }
}

export class Selection extends Range {
  constructor(readonly anchor: Position, readonly active: Position) {
    super(anchor, active);
  }
}

export class Uri {
  private constructor(readonly scheme: string, readonly path: string, readonly authority = '') {}
  static parse(value: string): Uri {
    const m = /^([a-z][a-z0-9+.-]*):(?:\/\/([^/]*))?(.*)$/i.exec(value);
    return m ? new Uri(m[1] as string, m[3] as string, m[2] ?? '') : new Uri('file', value);
  }
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, [base.path.replace(/\/+$/, ''), ...segments].join('/'), base.authority);
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}`;
  }
}

export class CodeLens {
  constructor(public range: Range, public command?: Command) {}
}
export class MarkdownString {
  isTrusted?: boolean;
  constructor(public value = '', readonly supportThemeIcons = false) {}
  appendMarkdown(value: string): MarkdownString {
    this.value += value;
    return this;
  }
}
export class Hover {
  contents: unknown[];
  constructor(contents: MarkdownString | MarkdownString[], public range?: Range) {
    this.contents = Array.isArray(contents) ? contents : [contents];
  }
}
export class InlayHint {
  paddingLeft?: boolean;
  tooltip?: string;
  constructor(public position: Position, public label: string, public kind?: number) {}
}
export class Diagnostic {
  source?: string;
  code?: string | number;
  constructor(public range: Range, public message: string, public severity = 0) {}
}
export class WorkspaceEdit {
  readonly edits: { uri: Uri; range: Range; newText: string }[] = [];
  replace(uri: Uri, range: Range, newText: string): void {
    this.edits.push({ uri, range, newText });
  }
  insert(uri: Uri, position: Position, newText: string): void {
    this.edits.push({ uri, range: new Range(position, position), newText });
  }
}
export class CodeAction {
  diagnostics?: Diagnostic[];
  edit?: WorkspaceEdit;
  command?: Command;
  isPreferred?: boolean;
  constructor(public title: string, public kind?: unknown) {}
}
export class TreeItem {
  description?: string;
  tooltip?: string;
  command?: Command;
  contextValue?: string;
  constructor(public label: string, public collapsibleState = 0) {}
}
export class ThemeColor {
  constructor(readonly id: string) {}
}
export class EventEmitter<T> {
  private listeners = new Set<(e: T) => unknown>();
  fired = 0;
  event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(data: T): void {
    this.fired++;
    for (const l of [...this.listeners]) l(data);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

/** Where each line starts, by VS Code's rule (\r\n, \r or \n ends a line): the stub's own, independent of the extension's index. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push((match.index as number) + match[0].length);
  return starts;
}

/** An in-memory text document; `setText` bumps the version like an edit. */
export class StubDocument implements TextDocument {
  readonly uri: Uri;
  version = 1;
  private starts: number[];
  constructor(public text: string, readonly fileName = '/work/flow.workflow.json', readonly languageId = 'json') {
    this.uri = Uri.file(fileName);
    this.starts = lineStarts(text);
  }
  getText(): string {
    return this.text;
  }
  setText(text: string): void {
    this.text = text;
    this.starts = lineStarts(text);
    this.version++;
  }
  positionAt(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let line = 0;
    while (line + 1 < this.starts.length && (this.starts[line + 1] as number) <= at) line++;
    return new Position(line, at - (this.starts[line] as number));
  }
  offsetAt(position: Position): number {
    return (this.starts[position.line] ?? this.text.length) + position.character;
  }
  /** Applies a WorkspaceEdit's replacements (last first, so offsets hold). */
  apply(edit: WorkspaceEdit): string {
    const spans = edit.edits.map((e) => ({ start: this.offsetAt(e.range.start), end: this.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
    let text = this.text;
    for (const s of spans) text = text.slice(0, s.start) + s.text + text.slice(s.end);
    this.setText(text);
    return text;
  }
}

export class StubStatusBarItem {
  text = '';
  tooltip: string | MarkdownString | undefined;
  command: string | Command | undefined;
  backgroundColor: unknown;
  name?: string;
  visible = false;
  disposed = false;
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  dispose(): void {
    this.disposed = true;
  }
}

export class StubDiagnosticCollection {
  readonly byUri = new Map<string, readonly Diagnostic[]>();
  disposed = false;
  set(uri: Uri, diagnostics: readonly Diagnostic[] | undefined): void {
    this.byUri.set(uri.toString(), diagnostics ?? []);
  }
  delete(uri: Uri): void {
    this.byUri.delete(uri.toString());
  }
  get(uri: Uri): readonly Diagnostic[] | undefined {
    return this.byUri.get(uri.toString());
  }
  dispose(): void {
    this.disposed = true;
  }
}

/** The stand-in API plus the recordings tests read. */
export interface Stub {
  api: VscodeApi;
  settings: Map<string, unknown>;
  files: Map<string, string>;
  messages: { level: 'info' | 'warning'; text: string }[];
  clipboard: { text: string };
  opened: { language?: string; content?: string }[];
  external: string[];
  executed: { command: string; args: unknown[] }[];
  inputAnswers: (string | undefined)[];
  commands: Map<string, (...args: unknown[]) => unknown>;
  providers: { codeLens: CodeLensProvider[]; hover: HoverProvider[]; inlay: InlayHintsProvider[]; codeActions: CodeActionProvider[]; trees: Map<string, TreeDataProvider<unknown>> };
  statusItems: StubStatusBarItem[];
  collections: StubDiagnosticCollection[];
  documents: StubDocument[];
  events: { open: EventEmitter<TextDocument>; change: EventEmitter<{ document: TextDocument }>; close: EventEmitter<TextDocument>; config: EventEmitter<{ affectsConfiguration(s: string): boolean }>; activeEditor: EventEmitter<TextEditor | undefined> };
  /** Makes `document` the active editor's. */
  activate(document: StubDocument): TextEditor;
}

/** A fresh stand-in; nothing is shared between tests. */
export function createStub(): Stub {
  const registration = (list: unknown[], item: unknown): Disposable => {
    list.push(item);
    return { dispose: () => list.splice(list.indexOf(item), 1) };
  };
  const s = {
    settings: new Map<string, unknown>(),
    files: new Map<string, string>(),
    messages: [] as Stub['messages'],
    clipboard: { text: '' },
    opened: [] as Stub['opened'],
    external: [] as string[],
    executed: [] as Stub['executed'],
    inputAnswers: [] as (string | undefined)[],
    commands: new Map<string, (...args: unknown[]) => unknown>(),
    providers: { codeLens: [], hover: [], inlay: [], codeActions: [], trees: new Map() } as Stub['providers'],
    statusItems: [] as StubStatusBarItem[],
    collections: [] as StubDiagnosticCollection[],
    documents: [] as StubDocument[],
    events: { open: new EventEmitter(), change: new EventEmitter(), close: new EventEmitter(), config: new EventEmitter(), activeEditor: new EventEmitter() } as Stub['events'],
  };
  const window = {
    activeTextEditor: undefined as TextEditor | undefined,
    onDidChangeActiveTextEditor: s.events.activeEditor.event,
    createStatusBarItem: () => {
      const item = new StubStatusBarItem();
      s.statusItems.push(item);
      return item;
    },
    registerTreeDataProvider: <T>(id: string, provider: TreeDataProvider<T>) => {
      s.providers.trees.set(id, provider as TreeDataProvider<unknown>);
      return { dispose: () => s.providers.trees.delete(id) };
    },
    showInformationMessage: async (text: string) => {
      s.messages.push({ level: 'info', text });
      return undefined;
    },
    showWarningMessage: async (text: string) => {
      s.messages.push({ level: 'warning', text });
      return undefined;
    },
    showInputBox: async () => s.inputAnswers.shift(),
    showTextDocument: async (document: TextDocument) => ({ document, selection: undefined, revealRange: () => undefined }),
  };
  const api = {
    Position, Range, Selection, CodeLens, Hover, MarkdownString, InlayHint, Diagnostic, CodeAction, WorkspaceEdit, TreeItem, EventEmitter, ThemeColor, Uri,
    InlayHintKind: { Type: 1, Parameter: 2 },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    CodeActionKind: { QuickFix: { value: 'quickfix' } },
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    TextEditorRevealType: { InCenter: 2 },
    languages: {
      registerCodeLensProvider: (_sel: unknown, p: CodeLensProvider) => registration(s.providers.codeLens, p),
      registerHoverProvider: (_sel: unknown, p: HoverProvider) => registration(s.providers.hover, p),
      registerInlayHintsProvider: (_sel: unknown, p: InlayHintsProvider) => registration(s.providers.inlay, p),
      registerCodeActionsProvider: (_sel: unknown, p: CodeActionProvider) => registration(s.providers.codeActions, p),
      createDiagnosticCollection: () => {
        const c = new StubDiagnosticCollection();
        s.collections.push(c);
        return c;
      },
    },
    window,
    workspace: {
      get textDocuments() {
        return s.documents;
      },
      workspaceFolders: [{ uri: Uri.file('/work') }],
      getConfiguration: (section: string) => ({ get: <T>(key: string) => s.settings.get(`${section}.${key}`) as T | undefined }),
      onDidOpenTextDocument: s.events.open.event,
      onDidChangeTextDocument: s.events.change.event,
      onDidCloseTextDocument: s.events.close.event,
      onDidChangeConfiguration: s.events.config.event,
      openTextDocument: async (options: { language?: string; content?: string }) => {
        s.opened.push(options);
        return new StubDocument(options.content ?? '', '/untitled', options.language ?? 'plaintext');
      },
      fs: {
        readFile: async (uri: Uri) => {
          const text = s.files.get(uri.path);
          if (text === undefined) throw new Error(`ENOENT: ${uri.path}`);
          return new TextEncoder().encode(text);
        },
      },
    },
    commands: {
      registerCommand: (id: string, fn: (...args: never[]) => unknown) => {
        s.commands.set(id, fn as (...args: unknown[]) => unknown);
        return { dispose: () => s.commands.delete(id) };
      },
      executeCommand: async (command: string, ...args: unknown[]) => {
        s.executed.push({ command, args });
        return s.commands.get(command)?.(...args);
      },
    },
    env: {
      clipboard: { writeText: async (text: string) => void (s.clipboard.text = text) },
      openExternal: async (uri: Uri) => {
        s.external.push(uri.toString());
        return true;
      },
    },
  };
  return {
    ...s,
    api: api as unknown as VscodeApi,
    activate(document: StubDocument) {
      if (!s.documents.includes(document)) s.documents.push(document);
      const editor = { document, selection: undefined as unknown, revealRange: () => undefined };
      window.activeTextEditor = editor;
      s.events.activeEditor.fire(editor);
      return editor;
    },
  };
}

/** An ExtensionContext with in-memory secrets. */
export function createContext(): ExtensionContext & { secretsMap: Map<string, string> } {
  const secretsMap = new Map<string, string>();
  return {
    subscriptions: [],
    secretsMap,
    secrets: {
      get: async (key: string) => secretsMap.get(key),
      store: async (key: string, value: string) => void secretsMap.set(key, value),
      delete: async (key: string) => void secretsMap.delete(key),
    },
  };
}
