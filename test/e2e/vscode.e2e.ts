/**
 * The extension in a real VS Code: code-server 4.139 (VS Code 1.139) with the built .vsix
 * installed, driven through headless Chromium. Opens a fixture workflow and checks the CodeLens
 * texts, a hover, a diagnostic, a quick fix that edits the file, and the status bar, against the
 * same analysis path the extension runs. Screenshots go to test-artifacts/.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { getPriceBook, lintWorkflow, analyzeWorkflow } from '../../shared-pricing/src';
import { analyzeDocument, type AnalysisSettings } from '../../vscode-extension/src/analysis/analyzeDocument';
import { nodeLensTitle, summaryLensTitle } from '../../vscode-extension/src/render/format';
import { formatCredits } from '../../shared-pricing/src';
import { buildVsix, ensureInstalled, ROOT, startCodeServer, type RunningCodeServer } from './vscode/codeServer';

const FIXTURE = join(__dirname, 'vscode/fixtures/leads.workflow.json');
const FILE = 'leads.workflow.json';
const ARTIFACTS = join(ROOT, 'test-artifacts');

/** What the extension computes for a text with its default settings (the default price book, no config). */
function expectedAnalysis(text: string) {
  const book = getPriceBook('default');
  const settings: AnalysisSettings = { analyze: analyzeWorkflow, priceBook: book, config: { defaults: {} }, maxChars: 5_000_000, lint: (analysis, document) => lintWorkflow({ analysis, priceBook: book, document }) };
  const entry = analyzeDocument(text, 1, FILE, settings);
  assert.equal(entry.kind, 'workflow');
  return entry;
}

/** The texts of every CodeLens in the editor, in line order (one decoration per line, lenses joined by " | "). */
async function lensTexts(page: Page): Promise<string[]> {
  // A string, evaluated in the page: the test's TypeScript has no DOM types.
  const decorations = (await page.evaluate(`[...document.querySelectorAll('.monaco-editor .codelens-decoration')]
    .map((el) => ({ top: el.getBoundingClientRect().top, text: el.innerText.trim() }))`)) as { top: number; text: string }[];
  return decorations.sort((a, b) => a.top - b.top).flatMap((d) => d.text.split(/\s+\|\s+/)).filter(Boolean);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `vscode-${name}.png`) });
}

describe('e2e: the VS Code extension in code-server', function () {
  this.timeout(600_000);
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let dir: string;
  let workspace: string;

  before(async () => {
    ensureInstalled();
    const vsix = buildVsix();
    dir = mkdtempSync(join(tmpdir(), 'n8n-credits-vscode-e2e-'));
    workspace = join(dir, 'workspace');
    mkdirSync(workspace);
    copyFileSync(FIXTURE, join(workspace, FILE));
    writeFileSync(join(workspace, 'package.json'), '{"name": "not-a-workflow", "version": "1.0.0"}\n');
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startCodeServer(dir, vsix, workspace, {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'chat.disableAIFeatures': true,
      'editor.codeLens': true,
      'editor.inlayHints.enabled': 'on',
      'editor.hover.delay': 200,
      'editor.minimap.enabled': false,
      'n8nCredits.debounceMs': 100,
    });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    page = await browser.newPage({ viewport: { width: 1500, height: 1700 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 120_000 });
    await page.waitForTimeout(2000);
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(FILE);
    await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${FILE}")`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.monaco-editor .view-lines');
    await page.waitForSelector('.monaco-editor .codelens-decoration', { timeout: 120_000 });
    await page.waitForTimeout(1500);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the workflow total and a lens over every node, as the analysis computes them', async () => {
    const entry = expectedAnalysis(readFileSync(FIXTURE, 'utf8'));
    const analysis = entry.analysis!;
    const expected = [summaryLensTitle(analysis), ...analysis.nodes.map((n) => nodeLensTitle(n))];
    await shot(page, 'codelens');
    assert.deepEqual(await lensTexts(page), expected);
    const http = analysis.nodes.find((n) => n.name === 'HTTP Request')!;
    assert.match(nodeLensTitle(http), /^≈ [\d.]+ cr\/run · ×100 runs in Loop Over Items → [\d.]+$/);
    assert.match(expected[0]!, /^n8n Credits: ≈ [\d.]+ cr per execution · ≈ [\d.]+ cr\/month \(30 runs\)$/);
  });

  it('shows the credits per execution in the status bar', async () => {
    const analysis = expectedAnalysis(readFileSync(FIXTURE, 'utf8')).analysis!;
    const item = page.locator('.statusbar-item', { hasText: 'cr/exec' });
    await item.waitFor();
    assert.equal((await item.innerText()).trim(), `≈ ${formatCredits(analysis.perExecution.expected)} cr/exec · ${formatCredits(analysis.monthly.credits.expected)} cr/mo`);
  });

  it('explains a node in its hover: rate, runs, loop path and assumptions', async () => {
    await page.locator('.view-line span', { hasText: '"HTTP Request"' }).first().hover();
    const hover = page.locator('.monaco-hover:visible .hover-contents').filter({ hasText: 'Priced by class' }).first();
    await hover.waitFor({ timeout: 20_000 });
    const text = await hover.innerText();
    await shot(page, 'hover');
    assert.match(text, /HTTP Request · n8n-nodes-base\.httpRequest/);
    assert.match(text, /Priced by class http: 1 cr per run/);
    assert.match(text, /Runs: 100 /);
    assert.match(text, /Loop Over Items: 100 items \/ batch 1 = 100 iterations/);
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });

  it('lists the lint findings in the Problems panel with the rule id as code', async () => {
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'http-in-loop-without-batching' });
    await row.waitFor({ timeout: 20_000 });
    await shot(page, 'problems');
    const text = await row.innerText();
    assert.match(text, /runs once per item inside loop "Loop Over Items" \(batch size 1\)/);
    assert.match(text, /n8n-credits\(http-in-loop-without-batching\)|n8n-credits.*http-in-loop-without-batching/s);
  });

  it('applies the quick fix that raises the loop\'s batch size, and the lens follows', async () => {
    // Put the cursor inside the underlined name of "HTTP Request" with Go to Line (line:column), then ask for fixes.
    const lines = readFileSync(join(workspace, FILE), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('"name": "HTTP Request"'));
    const column = (lines[line] ?? '').indexOf('"HTTP Request"') + 3;
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Set the batch size of "Loop Over Items" to 10' });
    for (let attempt = 0; attempt < 3 && !(await fix.isVisible()); attempt++) {
      await page.keyboard.press('Escape');
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+G');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
      await page.keyboard.type(`${line + 1}:${column}`);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(300);
      await page.keyboard.press('Control+.');
      await fix.waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
    await fix.waitFor({ timeout: 1000 });
    await shot(page, 'quickfix');
    await fix.click();
    await page.keyboard.press('Control+S');
    const file = join(workspace, FILE);
    const deadline = Date.now() + 20_000;
    while (!/"batchSize": 10/.test(readFileSync(file, 'utf8')) && Date.now() < deadline) await page.waitForTimeout(200);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { nodes: { name: string; parameters: { batchSize?: number } }[] };
    assert.equal(saved.nodes.find((n) => n.name === 'Loop Over Items')?.parameters.batchSize, 10);
    const after = expectedAnalysis(readFileSync(file, 'utf8')).analysis!;
    const httpLens = nodeLensTitle(after.nodes.find((n) => n.name === 'HTTP Request')!);
    await page.locator('.codelens-decoration', { hasText: httpLens }).first().waitFor({ timeout: 20_000 });
    await shot(page, 'after-fix');
    assert.match(httpLens, /×10 runs in Loop Over Items/);
  });

  it('lists the node types by cost in the Credits view', async () => {
    const analysis = expectedAnalysis(readFileSync(join(workspace, FILE), 'utf8')).analysis!;
    const totals = new Map<string, number>();
    for (const n of analysis.nodes) if (!n.parent) totals.set(n.type, (totals.get(n.type) ?? 0) + n.totalCredits.expected);
    const [topType, topTotal] = [...totals].sort((a, b) => b[1] - a[1])[0]!;
    await page.locator('.pane-header', { hasText: 'Credits' }).click();
    const row = page.locator('.pane-body .monaco-list-row', { hasText: topType }).first();
    await row.waitFor({ timeout: 20_000 });
    await shot(page, 'credits-view');
    assert.match((await row.innerText()).replace(/\s+/g, ' '), new RegExp(`${topType.replace(/[.@/]/g, '\\$&')} ?≈ ${formatCredits(topTotal).replace('.', '\\.')} cr · 1 node`));
  });

  it('shows nothing for JSON that is not a workflow', async () => {
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type('package.json');
    await page.waitForSelector('.quick-input-list .monaco-list-row:has-text("package.json")');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.tab.active:has-text("package.json")');
    await page.waitForTimeout(1500);
    await shot(page, 'other-json');
    assert.deepEqual(await lensTexts(page), []);
    assert.equal(await page.locator('.statusbar-item', { hasText: 'cr/exec' }).count(), 0);
  });
});
