/**
 * The part of the `vscode` API this extension uses, as a type. Providers take it as a
 * parameter instead of importing `vscode`, so unit tests hand them a stand-in
 * (`test/vscode-extension/vscode-stub.ts`) and only `extension.ts` touches the real module.
 */

export interface Disposable { dispose(): unknown }
export type Event<T> = (listener: (e: T) => unknown) => Disposable;

export interface Position { readonly line: number; readonly character: number }
export interface Range { readonly start: Position; readonly end: Position; contains(positionOrRange: Position | Range): boolean }
export interface Uri { readonly scheme: string; readonly path: string; readonly fsPath: string; toString(): string }

export interface TextDocument {
  readonly uri: Uri;
  readonly fileName: string;
  readonly languageId: string;
  readonly version: number;
  getText(): string;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

export interface Command { title: string; command: string; arguments?: unknown[]; tooltip?: string }
export interface CodeLens { range: Range; command?: Command }
export interface MarkdownString { value: string; isTrusted?: boolean | { enabledCommands: readonly string[] }; appendMarkdown(value: string): MarkdownString }
export interface Hover { contents: unknown[]; range?: Range }
export interface InlayHint { position: Position; label: string | unknown[]; kind?: number; paddingLeft?: boolean; tooltip?: string | MarkdownString }
export interface Diagnostic { range: Range; message: string; severity: number; source?: string; code?: string | number | { value: string | number; target: Uri } }
export interface DiagnosticCollection extends Disposable {
  set(uri: Uri, diagnostics: readonly Diagnostic[] | undefined): void;
  delete(uri: Uri): void;
  get(uri: Uri): readonly Diagnostic[] | undefined;
}
export interface WorkspaceEdit { replace(uri: Uri, range: Range, newText: string): void; insert(uri: Uri, position: Position, newText: string): void }
export interface CodeAction { title: string; kind?: unknown; diagnostics?: Diagnostic[]; edit?: WorkspaceEdit; command?: Command; isPreferred?: boolean }
export interface TreeItem {
  label?: string | { label: string };
  description?: string | boolean;
  tooltip?: string | MarkdownString;
  collapsibleState?: number;
  command?: Command;
  contextValue?: string;
  iconPath?: unknown;
}
export interface EventEmitter<T> extends Disposable { event: Event<T>; fire(data: T): void }
export interface StatusBarItem extends Disposable {
  text: string;
  tooltip: string | MarkdownString | undefined;
  command: string | Command | undefined;
  backgroundColor: unknown;
  name?: string;
  show(): void;
  hide(): void;
}
export interface WorkspaceConfiguration { get<T>(section: string): T | undefined }
export interface TextEditor { readonly document: TextDocument; selection: unknown; revealRange(range: Range, revealType?: number): void }
export interface SecretStorage { get(key: string): Thenable<string | undefined>; store(key: string, value: string): Thenable<void>; delete(key: string): Thenable<void> }
export interface ExtensionContext { readonly subscriptions: { dispose(): unknown }[]; readonly secrets: SecretStorage }

export interface CancellationToken { readonly isCancellationRequested: boolean }

export interface CodeLensProvider { onDidChangeCodeLenses?: Event<void>; provideCodeLenses(document: TextDocument, token?: CancellationToken): CodeLens[] }
export interface HoverProvider { provideHover(document: TextDocument, position: Position, token?: CancellationToken): Hover | undefined }
export interface InlayHintsProvider { onDidChangeInlayHints?: Event<void>; provideInlayHints(document: TextDocument, range: Range, token?: CancellationToken): InlayHint[] }
export interface CodeActionProvider { provideCodeActions(document: TextDocument, range: Range, context: { diagnostics: readonly Diagnostic[] }, token?: CancellationToken): CodeAction[] }
export interface TreeDataProvider<T> { onDidChangeTreeData?: Event<T | undefined | void>; getTreeItem(element: T): TreeItem; getChildren(element?: T): T[] }

type Thenable<T> = PromiseLike<T>;

/** The `vscode` module, narrowed to what the extension uses. */
export interface VscodeApi {
  Position: new (line: number, character: number) => Position;
  Range: new (start: Position, end: Position) => Range;
  Selection: new (anchor: Position, active: Position) => unknown;
  CodeLens: new (range: Range, command?: Command) => CodeLens;
  Hover: new (contents: MarkdownString | MarkdownString[], range?: Range) => Hover;
  MarkdownString: new (value?: string, supportThemeIcons?: boolean) => MarkdownString;
  InlayHint: new (position: Position, label: string, kind?: number) => InlayHint;
  InlayHintKind: { Type: number; Parameter: number };
  Diagnostic: new (range: Range, message: string, severity?: number) => Diagnostic;
  DiagnosticSeverity: { Error: number; Warning: number; Information: number; Hint: number };
  CodeAction: new (title: string, kind?: unknown) => CodeAction;
  CodeActionKind: { QuickFix: unknown };
  WorkspaceEdit: new () => WorkspaceEdit;
  TreeItem: new (label: string, collapsibleState?: number) => TreeItem;
  TreeItemCollapsibleState: { None: number; Collapsed: number; Expanded: number };
  StatusBarAlignment: { Left: number; Right: number };
  TextEditorRevealType: { InCenter: number };
  EventEmitter: new <T>() => EventEmitter<T>;
  ThemeColor: new (id: string) => unknown;
  Uri: { parse(value: string): Uri; file(path: string): Uri; joinPath(base: Uri, ...segments: string[]): Uri };
  languages: {
    registerCodeLensProvider(selector: unknown, provider: CodeLensProvider): Disposable;
    registerHoverProvider(selector: unknown, provider: HoverProvider): Disposable;
    registerInlayHintsProvider(selector: unknown, provider: InlayHintsProvider): Disposable;
    registerCodeActionsProvider(selector: unknown, provider: CodeActionProvider, metadata?: unknown): Disposable;
    createDiagnosticCollection(name?: string): DiagnosticCollection;
  };
  window: {
    activeTextEditor: TextEditor | undefined;
    onDidChangeActiveTextEditor: Event<TextEditor | undefined>;
    createStatusBarItem(id: string, alignment?: number, priority?: number): StatusBarItem;
    registerTreeDataProvider<T>(viewId: string, provider: TreeDataProvider<T>): Disposable;
    showInformationMessage(message: string, ...items: string[]): Thenable<string | undefined>;
    showWarningMessage(message: string, ...items: string[]): Thenable<string | undefined>;
    showInputBox(options: { prompt?: string; password?: boolean; ignoreFocusOut?: boolean }): Thenable<string | undefined>;
    showTextDocument(document: TextDocument, options?: unknown): Thenable<TextEditor>;
  };
  workspace: {
    textDocuments: readonly TextDocument[];
    workspaceFolders: readonly { uri: Uri }[] | undefined;
    getConfiguration(section: string): WorkspaceConfiguration;
    onDidOpenTextDocument: Event<TextDocument>;
    onDidChangeTextDocument: Event<{ document: TextDocument }>;
    onDidCloseTextDocument: Event<TextDocument>;
    onDidChangeConfiguration: Event<{ affectsConfiguration(section: string): boolean }>;
    openTextDocument(options: { language?: string; content?: string }): Thenable<TextDocument>;
    fs: { readFile(uri: Uri): Thenable<Uint8Array> };
  };
  commands: {
    registerCommand(command: string, callback: (...args: never[]) => unknown): Disposable;
    executeCommand(command: string, ...rest: unknown[]): Thenable<unknown>;
  };
  env: { clipboard: { writeText(value: string): Thenable<void> }; openExternal(target: Uri): Thenable<boolean> };
}
