/**
 * The wiring layer: reads the `n8nCredits.*` settings, loads the price book and
 * `.n8n-credits.json`, and registers the providers. Everything it creates goes into
 * `context.subscriptions`. The providers get the `vscode` API as a parameter, so unit tests
 * run this same function against a stand-in.
 */
import {
  analyzeWorkflow, configBudgets, findRule, getPriceBook, lintWorkflow, loadPriceBook, parseCredits, parseLintConfig, withBudgets,
  type AssumptionConfig, type Assumptions, type Budgets as CreditBudgets, type LintRulesConfig, type PriceBook,
} from '../../shared-pricing/src';
import { parse as parseJsonc } from 'jsonc-parser';
import type { Disposable, ExtensionContext, TextDocument, Uri, VscodeApi } from './api';
import type { AnalysisSettings } from './analysis/analyzeDocument';
import { WorkflowStore } from './analysis/workflowStore';
import { createBreakdownCommands } from './providers/breakdown';
import { createCodeActionProvider, OPEN_RULE_DOC } from './providers/codeActions';
import { createCodeLensProvider, SHOW_BREAKDOWN, SHOW_NODE } from './providers/codeLens';
import { createCopyMarkdownCommand } from './providers/copyMarkdown';
import { createCreditsTree, REVEAL_NODE } from './providers/creditsTree';
import { createDiagnostics } from './providers/diagnostics';
import { createHoverProvider } from './providers/hover';
import { createInlayHintsProvider } from './providers/inlayHints';
import { LEDGER_KEY_SECRET, LedgerActuals, type FetchLike } from './providers/ledger';
import { createStatusBar } from './providers/statusBar';
import type { Budgets } from './render/format';

/** The settings namespace. */
export const SECTION = 'n8nCredits';
const SELECTOR = [{ language: 'json' }, { language: 'jsonc' }];

/** The settings as read from the configuration, before files are loaded. */
export interface RawSettings {
  priceBook: string;
  budgetPerExecution?: number;
  budgetPerMonth?: number;
  assumptions: Assumptions;
  configFile: string;
  maxFileSizeMB: number;
  debounceMs: number;
  ledgerUrl: string;
  rulesDocsUrl: string;
}

/** Reads `n8nCredits.*`: the only place settings are read. */
export function readSettings(api: VscodeApi): RawSettings {
  const c = api.workspace.getConfiguration(SECTION);
  const num = (key: string) => {
    const v = c.get<number | null>(key);
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  return {
    priceBook: c.get<string>('priceBook') || 'default',
    budgetPerExecution: num('budgets.perExecution'),
    budgetPerMonth: num('budgets.perMonth'),
    assumptions: c.get<Assumptions>('assumptions') ?? {},
    configFile: c.get<string>('configFile') || '.n8n-credits.json',
    maxFileSizeMB: num('maxFileSizeMB') ?? 5,
    debounceMs: num('debounceMs') ?? 300,
    ledgerUrl: c.get<string>('ledger.url') ?? '',
    rulesDocsUrl: c.get<string>('rulesDocsUrl') ?? '',
  };
}

/** What `activate` hands back: used by tests and by other extensions. */
export interface ActivatedExtension {
  store: WorkflowStore;
  /** Re-reads settings and files; resolves when the new analysis settings are in place. */
  reload(): Promise<void>;
  ready: Promise<void>;
  ledger: LedgerActuals;
}

/** Called by VS Code on the first JSON file. */
export function activate(context: ExtensionContext, api: VscodeApi = require('vscode') as VscodeApi, fetchImpl: FetchLike = ((url, init) => globalThis.fetch(url, init)) as FetchLike): ActivatedExtension {
  const own = <T extends Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };
  let raw = readSettings(api);
  let fileBudgets: CreditBudgets = {};
  // The settings win over `.n8n-credits.json`, as for lint; both end in millicredits here.
  const budgets = (): Budgets => ({ perExecution: toMillicredits(raw.budgetPerExecution ?? fileBudgets.perExecution), perMonth: toMillicredits(raw.budgetPerMonth ?? fileBudgets.perMonth) });
  const store = own(new WorkflowStore(baseSettings(getPriceBook('default'), {}, undefined, raw, api), raw.debounceMs));
  const active = () => {
    const doc = api.window.activeTextEditor?.document;
    return doc && (doc.languageId === 'json' || doc.languageId === 'jsonc') ? doc : undefined;
  };
  const workflowId = (doc: TextDocument) => {
    const a = store.get(doc)?.analysis;
    return a ? a.id ?? a.name : undefined;
  };
  const ledger = new LedgerActuals(async () => (raw.ledgerUrl ? { url: raw.ledgerUrl, key: await context.secrets.get(LEDGER_KEY_SECRET), fetch: fetchImpl } : undefined), () => refreshViews());
  const actuals = (doc: TextDocument) => (raw.ledgerUrl ? ledger.get(workflowId(doc)) : undefined);

  const codeLens = createCodeLensProvider(api, store, { budgets, actuals });
  const inlay = createInlayHintsProvider(api, store);
  const tree = createCreditsTree(api, store, active);
  const diagnostics = createDiagnostics(api, store, own(api.languages.createDiagnosticCollection('n8n-credits')));
  const statusItem = own(api.window.createStatusBarItem('n8nCredits.status', api.StatusBarAlignment.Left, 50));
  statusItem.name = 'n8n Credits';
  const status = createStatusBar(api, store, statusItem, budgets);
  const breakdown = createBreakdownCommands(api, store);
  for (const d of [codeLens.changed, inlay.changed, tree.changed]) own(d);

  own(api.languages.registerCodeLensProvider(SELECTOR, codeLens));
  own(api.languages.registerHoverProvider(SELECTOR, createHoverProvider(api, store, actuals)));
  own(api.languages.registerInlayHintsProvider(SELECTOR, inlay));
  own(api.languages.registerCodeActionsProvider(SELECTOR, createCodeActionProvider(api, store), { providedCodeActionKinds: [api.CodeActionKind.QuickFix] }));
  own(api.window.registerTreeDataProvider('n8nCredits.tree', tree));

  function refreshViews() {
    codeLens.changed.fire();
    inlay.changed.fire();
    tree.changed.fire(undefined);
    status.update(active());
  }
  own(store.onDidChange((uri) => {
    const doc = api.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (doc) diagnostics.update(doc);
    refreshViews();
  }));
  own(api.workspace.onDidOpenTextDocument((doc) => diagnostics.update(doc)));
  own(api.workspace.onDidChangeTextDocument((e) => store.schedule(e.document)));
  own(api.workspace.onDidCloseTextDocument((doc) => {
    store.forget(doc);
    diagnostics.clear(doc);
  }));
  own(api.window.onDidChangeActiveTextEditor(() => {
    tree.changed.fire(undefined);
    status.update(active());
  }));

  own(api.commands.registerCommand(SHOW_BREAKDOWN, (uri?: Uri) => breakdown.showBreakdown(uri)));
  own(api.commands.registerCommand(SHOW_NODE, (uri: Uri, name: string) => breakdown.showNodeBreakdown(uri, name)));
  own(api.commands.registerCommand('n8nCredits.copyMarkdown', createCopyMarkdownCommand(api, store)));
  own(api.commands.registerCommand(OPEN_RULE_DOC, (ruleId: string) => openRuleDoc(api, raw, ruleId)));
  own(api.commands.registerCommand(REVEAL_NODE, (name: string) => revealNode(api, store, name)));
  own(api.commands.registerCommand('n8nCredits.setLedgerKey', async () => {
    const key = await api.window.showInputBox({ prompt: 'n8n Credits ledger API key (kept in VS Code secret storage)', password: true, ignoreFocusOut: true });
    if (key) await context.secrets.store(LEDGER_KEY_SECRET, key);
    ledger.clear();
  }));
  own(api.commands.registerCommand('n8nCredits.clearLedgerKey', async () => {
    await context.secrets.delete(LEDGER_KEY_SECRET);
    ledger.clear();
  }));
  own(api.commands.registerCommand('n8nCredits.refresh', () => reload()));

  async function reload(): Promise<void> {
    raw = readSettings(api);
    const problems: string[] = [];
    const folder = api.workspace.workspaceFolders?.[0]?.uri;
    const book = await loadBook(api, folder, raw.priceBook).catch((error: unknown) => {
      problems.push(`price book "${raw.priceBook}" not used (default instead): ${firstLine(error)}`);
      return getPriceBook('default');
    });
    let fileConfig: AssumptionConfig = {};
    let rules: LintRulesConfig | undefined;
    if (folder) {
      const text = await readText(api, api.Uri.joinPath(folder, raw.configFile)).catch(() => undefined);
      if (text !== undefined) {
        const value = parseJsonc(text, [], { allowTrailingComma: true }) as unknown;
        fileConfig = isRecord(value) ? (value as AssumptionConfig) : {};
        const parsed = parseLintConfig(value);
        if (parsed.ok) rules = parsed.value;
        else problems.push(`${raw.configFile}: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      }
    }
    fileBudgets = configBudgets(fileConfig);
    store.reconfigure(baseSettings(book, fileConfig, rules, raw, api), api.workspace.textDocuments);
    status.setProblem(problems.length ? problems.join(' · ') : undefined, active());
    if (problems.length) void api.window.showWarningMessage(`n8n Credits: ${problems.join(' · ')}`);
    refreshViews();
  }
  own(api.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SECTION)) void reload();
  }));
  for (const doc of api.workspace.textDocuments) diagnostics.update(doc);
  status.update(active());
  const ready = reload().catch((error: unknown) => status.setProblem(`settings not loaded: ${firstLine(error)}`, active()));
  return { store, reload, ready, ledger };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/** The analysis settings from the loaded files and the raw settings. */
function baseSettings(book: PriceBook, fileConfig: AssumptionConfig, rules: LintRulesConfig | undefined, raw: RawSettings, api: VscodeApi): AnalysisSettings {
  const config: AssumptionConfig = { ...fileConfig, defaults: { ...fileConfig.defaults, ...raw.assumptions } };
  // Budgets are in credits for lint, as on the command line; the file's are millicredits; the settings win over the file.
  const fileBudgets = configBudgets(fileConfig);
  const lintRules = withBudgets(rules ?? {}, { perExecution: raw.budgetPerExecution ?? fileBudgets.perExecution, perMonth: raw.budgetPerMonth ?? fileBudgets.perMonth });
  return {
    analyze: analyzeWorkflow,
    lint: (analysis, document) => lintWorkflow({ analysis, priceBook: book, document, config: lintRules }),
    priceBook: book,
    config,
    maxChars: Math.round(raw.maxFileSizeMB * 1_000_000),
    resolveWorkflow: (ref) => {
      if (ref.source === 'inline') return ref.value;
      // Only workflows open in the editor can be read synchronously.
      const wanted = ref.value.replace(/\\/g, '/').split('/').pop() ?? ref.value;
      return api.workspace.textDocuments.find((d) => (ref.source === 'path' ? d.fileName.replace(/\\/g, '/').endsWith(`/${wanted}`) : d.getText().includes(`"id": "${ref.value}"`)))?.getText();
    },
  };
}

/** A preset by name, or a price book file relative to the workspace folder. */
async function loadBook(api: VscodeApi, folder: Uri | undefined, name: string): Promise<PriceBook> {
  if (!/[\\/]|\.json$/i.test(name)) return getPriceBook(name);
  const uri = name.startsWith('/') || !folder ? api.Uri.file(name) : api.Uri.joinPath(folder, name);
  return loadPriceBook(await readText(api, uri));
}

async function readText(api: VscodeApi, uri: Uri): Promise<string> {
  return new TextDecoder().decode(await api.workspace.fs.readFile(uri));
}

/** Opens a rule's page: the workspace's `docs/rules/<id>.md`, else `rulesDocsUrl/<id>.md`, else its description. */
async function openRuleDoc(api: VscodeApi, raw: RawSettings, ruleId: string): Promise<void> {
  const meta = findRule(ruleId)?.meta;
  const docs = meta?.docs ?? `docs/rules/${ruleId}.md`;
  const folder = api.workspace.workspaceFolders?.[0]?.uri;
  if (folder) {
    const local = api.Uri.joinPath(folder, docs);
    const exists = await api.workspace.fs.readFile(local).then(() => true, () => false);
    if (exists) {
      await api.commands.executeCommand('markdown.showPreview', local);
      return;
    }
  }
  if (raw.rulesDocsUrl) {
    await api.env.openExternal(api.Uri.parse(`${raw.rulesDocsUrl.replace(/\/+$/, '')}/${ruleId}.md`));
    return;
  }
  await api.window.showInformationMessage(`${ruleId}: ${meta?.description ?? 'unknown rule'} (see ${docs}; set n8nCredits.rulesDocsUrl to open it online)`);
}

/** Puts the cursor on a node of the active workflow. */
async function revealNode(api: VscodeApi, store: WorkflowStore, name: string): Promise<void> {
  const editor = api.window.activeTextEditor;
  const entry = editor && store.get(editor.document);
  const node = entry?.nodes.get(name);
  if (!editor || !node) return;
  const start = editor.document.positionAt(node.location?.offset ?? node.estimate.range.offset);
  editor.selection = new api.Selection(start, start);
  editor.revealRange(new api.Range(start, start), api.TextEditorRevealType.InCenter);
}

/** A budget setting in credits to millicredits (half-up, once); a negative or absurd one is no budget, as in lint's options. */
function toMillicredits(credits: number | undefined): number | undefined {
  const parsed = credits === undefined ? undefined : parseCredits(credits, 'half-up');
  return parsed?.ok ? parsed.millicredits : undefined;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 3).join(' ');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
