/**
 * The billing page in headless Chromium (Debian's package, driven by playwright-core) against a real
 * `n8n-credits serve` on SQLite with the demo usage. Screenshots go to test-artifacts/.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { formatCredits } from '../../ledger/src/billing-page/escape';
import { resolveConfig } from '../../ledger/src/service/config';
import { startService, type RunningService } from '../../ledger/src/service/service';
import { makeKey } from '../ledger/http/helpers';

const ARTIFACTS = resolve(__dirname, '../../test-artifacts');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const XSS_NAME = '<img src=x onerror=alert(1)>';

describe('billing page in Chromium', function () {
  this.timeout(120000);
  let dataDir: string;
  let profileDir: string;
  let service: RunningService;
  let context: BrowserContext;
  let page: Page;
  let memberKey: string;
  const dialogs: string[] = [];

  const api = async (key: string, path: string, init: RequestInit = {}) => {
    const res = await fetch(`${service.url}${path}`, { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const cardText = async (id: string) => (await page.locator(`#${id}`).textContent())?.trim();
  const signIn = async (key: string) => {
    await page.goto(`${service.url}/`);
    await page.fill('#key', key);
    await Promise.all([page.waitForSelector('#usage-card'), page.click('#signin button[type=submit]')]);
  };

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'n8c-e2e-data-'));
    profileDir = mkdtempSync(join(tmpdir(), 'n8c-e2e-profile-'));
    service = await startService(resolveConfig({ port: 0, dataDir, demo: true, logLevel: 'silent' }, {}, '/'));
    memberKey = await makeKey(service.store, service.workspaceId, 'member', 'alice');
    await api(service.adminKey!, '/v1/usage', { method: 'POST', body: JSON.stringify({ key: 'xss:1', millicredits: 1000, workflowId: 'wf-xss', workflowName: XSS_NAME, executionId: 'ex-xss', nodeName: XSS_NAME, nodeType: 'n8n-nodes-base.set' }) });
    context = await chromium.launchPersistentContext(profileDir, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport: { width: 1200, height: 1400 } });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });

  after(async () => {
    await context?.close();
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  });

  it('shows on the card the same numbers as the API', async () => {
    await signIn(service.adminKey!);
    const card = (await api(service.adminKey!, '/v1/balance')).body as Record<string, number>;
    await page.screenshot({ path: join(ARTIFACTS, 'billing-admin.png'), fullPage: true });
    assert.deepEqual(
      [await cardText('card-consumed'), await cardText('card-remaining'), await cardText('card-rollover'), await cardText('card-total')],
      [formatCredits(card.consumedThisPeriod!), formatCredits(card.remaining!), formatCredits(card.rollover!), formatCredits(card.totalAvailable!)],
    );
    assert.ok(card.consumedThisPeriod! > 0);
  });

  it('draws one bar per day of the period so far', async () => {
    const bars = await page.locator('svg.chart rect.bar').count();
    assert.ok(bars >= 1 && bars <= 31, `${bars} bars`);
  });

  it('shows an HTML workflow name as text and runs none of it', async () => {
    const link = page.locator('#by-workflow a', { hasText: XSS_NAME });
    assert.deepEqual([await link.count(), await page.locator('img').count(), dialogs], [1, 0, []]);
  });

  it('clicks through a workflow to its executions and an execution to its node entries', async () => {
    await Promise.all([page.waitForURL(/workflow=demo-lead-enrichment/), page.locator('#by-workflow a', { hasText: 'Lead enrichment' }).click()]);
    const executions = await page.locator('#drill tbody tr').count();
    await Promise.all([page.waitForURL(/execution=/), page.locator('#drill tbody a').first().click()]);
    const nodes = await page.locator('#drill tbody tr td:first-child').allTextContents();
    await page.screenshot({ path: join(ARTIFACTS, 'billing-execution.png'), fullPage: true });
    assert.ok(executions > 0);
    assert.deepEqual(nodes, ['Enrich company', 'Shape lead', 'Post to Slack']);
  });

  it('lets an admin buy a pack, and the total rises by the pack', async () => {
    await page.goto(`${service.url}/`);
    const before = (await api(service.adminKey!, '/v1/balance')).body.totalAvailable as number;
    const button = page.locator('button.buy').first();
    const packId = await button.getAttribute('data-pack');
    const pack = ((await api(service.adminKey!, '/v1/topups/packs')).body.packs as Array<{ id: string; millicredits: number }>).find((p) => p.id === packId)!;
    await Promise.all([page.waitForEvent('load'), button.click()]);
    await page.waitForSelector('#usage-card');
    const after = (await api(service.adminKey!, '/v1/balance')).body.totalAvailable as number;
    await page.screenshot({ path: join(ARTIFACTS, 'billing-after-topup.png'), fullPage: true });
    assert.deepEqual([after - before, await cardText('card-total')], [pack.millicredits, formatCredits(before + pack.millicredits)]);
  });

  it('saves alert settings from the page', async () => {
    await page.fill('#alert-form input[name=thresholds]', '90, 50');
    await page.fill('#alert-form input[name=email]', 'ops@example.com');
    await page.fill('#alert-form input[name=belowCredits]', '2.5');
    await page.fill('#alert-form input[name=spikeFactor]', '4');
    await page.click('#alert-form button[type=submit]');
    await page.waitForFunction(() => (globalThis as unknown as { document: { getElementById(id: string): { textContent: string | null } | null } }).document.getElementById('alert-status')?.textContent === 'Saved.');
    const saved = (await api(service.adminKey!, '/v1/alerts')).body;
    // 2.5 credits typed on the page are 2,500 millicredits in the API; the events left alone stay on.
    assert.deepEqual(saved, {
      thresholds: [50, 90], belowMillicredits: 2500, spikeFactor: 4, spikeDays: 7,
      events: { depleted: true, renewed: true, dailyLimit: true, circuitOpen: true },
      email: 'ops@example.com', webhookUrl: null, webhookSecretSet: false,
    });
  });

  it('shows a member no top-up packs, and the route answers 403', async () => {
    await page.click('#signout');
    await page.waitForSelector('#signin');
    await signIn(memberKey);
    const csrf = await page.getAttribute('meta[name="csrf-token"]', 'content');
    // The page's own session calling the route, as a member's browser would.
    const fromPage = await page.evaluate(async (token) => {
      const res = await fetch('/v1/topups', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token ?? '' }, body: JSON.stringify({ packId: 'twenty-1m' }) });
      return res.status;
    }, csrf);
    const withKey = await api(memberKey, '/v1/topups', { method: 'POST', body: JSON.stringify({ packId: 'twenty-1m' }) });
    await page.screenshot({ path: join(ARTIFACTS, 'billing-member.png'), fullPage: true });
    assert.deepEqual([await page.locator('#topups').count(), await page.locator('button.buy').count(), await cardText('role'), fromPage, withKey.status], [0, 0, 'member', 403, 403]);
  });
});
