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
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1200, height: 1400 };

/** Whether the page scrolls sideways (the check a phone user would notice first). */
const overflow = (p: Page) => p.evaluate(() => {
  const el = (globalThis as unknown as { document: { scrollingElement: { scrollWidth: number; clientWidth: number } } }).document.scrollingElement;
  return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
});

/**
 * Narrows a loaded page to a phone's width and waits for Chart.js to redraw the chart at it: its ResizeObserver
 * fires after the resize, and until then the desktop-wide canvas makes the page scroll sideways.
 */
async function toPhoneWidth(p: Page): Promise<void> {
  await p.setViewportSize(PHONE);
  await p.waitForFunction((max) => {
    const chart = (globalThis as unknown as { Chart?: { getChart(id: string): { width: number } | undefined } }).Chart?.getChart('usage-chart');
    return chart === undefined || chart.width <= max;
  }, PHONE.width);
}

describe('billing page in Chromium', function () {
  this.timeout(120000);
  let dataDir: string;
  let profileDir: string;
  let service: RunningService;
  let context: BrowserContext;
  let page: Page;
  let memberKey: string;
  const dialogs: string[] = [];
  /** What the page's confirm and prompt are answered with while a test expects them; otherwise dialogs are recorded and dismissed. */
  let dialogAnswer: string | undefined;

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
    context = await chromium.launchPersistentContext(profileDir, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport: DESKTOP });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => {
      if (dialogAnswer !== undefined) return void d.accept(dialogAnswer);
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

  it('shows the sign-in form and why a wrong key is refused, at desktop and phone widths', async () => {
    await page.goto(`${service.url}/`);
    await page.fill('#key', 'n8c_not-a-key');
    await page.click('#signin button[type=submit]');
    await page.waitForSelector('#signin-error:not(:empty)');
    const [heading, error] = [await page.locator('main.signin h1').textContent(), await page.locator('#signin-error').textContent()];
    await page.screenshot({ path: join(ARTIFACTS, 'billing-signin.png'), fullPage: true });
    await page.setViewportSize(PHONE);
    const phone = await overflow(page);
    await page.screenshot({ path: join(ARTIFACTS, 'billing-signin-phone.png'), fullPage: true });
    await page.setViewportSize(DESKTOP);
    assert.deepEqual([heading, error, await page.locator('#usage-card').count()], ['n8n Credits', 'that key is not valid', 0]);
    assert.ok(phone.scrollWidth <= phone.clientWidth, `sign-in view: scrollWidth ${phone.scrollWidth} > clientWidth ${phone.clientWidth}`);
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

  it('draws 30 days with Chart.js, stacked per workflow, each day\'s total as the API reports it', async () => {
    const drawn = await page.evaluate(() => {
      type ChartLike = { data: { labels: string[]; datasets: Array<{ label: string; data: number[] }> }; options: { scales: { x: { stacked: boolean }; y: { stacked: boolean } } } };
      const g = globalThis as unknown as { Chart: { getChart(id: string): ChartLike | undefined }; document: { getElementById(id: string): { getContext(k: string): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } }; width: number; height: number; textContent: string } } };
      const chart = g.Chart.getChart('usage-chart')!;
      const canvas = g.document.getElementById('usage-chart');
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
      const days = (JSON.parse(g.document.getElementById('usage-chart-data').textContent) as { days: string[] }).days;
      return { days, labels: chart.data.labels, series: chart.data.datasets.map((d) => ({ label: d.label, data: d.data })), stacked: [chart.options.scales.x.stacked, chart.options.scales.y.stacked], painted };
    });
    const report = (await api(service.adminKey!, '/v1/reports?by=day')).body.rows as Array<{ key: string; millicredits: number }>;
    const byDay = Object.fromEntries(drawn.days.map((day, i) => [day, drawn.series.reduce((sum, s) => sum + s.data[i]!, 0)]).filter(([, total]) => total !== 0));
    assert.deepEqual([drawn.days.length, drawn.labels.length, drawn.stacked], [30, 30, [true, true]]);
    assert.deepEqual(byDay, Object.fromEntries(report.filter((r) => r.millicredits !== 0).map((r) => [r.key, r.millicredits])));
    assert.ok(drawn.series.some((s) => s.label === 'Lead enrichment'), drawn.series.map((s) => s.label).join(', '));
    assert.ok(drawn.painted > 1000, `${drawn.painted} painted pixels`);
  });

  it('names node types by display name and shows times in the workspace\'s zone', async () => {
    const types = await page.locator('#by-node-type td:first-child').allTextContents();
    const zone = (await api(service.adminKey!, '/v1/balance')).body.timeZone;
    assert.ok(types.includes('HTTP Request') && types.includes('OpenAI Chat Model'), types.join(' | '));
    assert.ok(!types.some((t) => t.includes('n8n-nodes-base.')), types.join(' | '));
    assert.equal(await cardText('time-zone'), zone);
  });

  it('fits a 375 px phone with no sideways scrolling, the chart drawn', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${service.url}/`);
    await page.waitForSelector('#usage-card');
    const size = await overflow(page);
    const chartWidth = await page.evaluate(() => (globalThis as unknown as { Chart: { getChart(id: string): { width: number } } }).Chart.getChart('usage-chart')!.width);
    await page.screenshot({ path: join(ARTIFACTS, 'billing-admin-phone.png'), fullPage: true });
    await page.setViewportSize(DESKTOP);
    assert.ok(size.scrollWidth <= size.clientWidth, `scrollWidth ${size.scrollWidth} > clientWidth ${size.clientWidth}`);
    assert.ok(chartWidth > 200 && chartWidth <= PHONE.width, `chart ${chartWidth} px wide`);
  });

  it('shows an HTML workflow name as text and runs none of it', async () => {
    const link = page.locator('#by-workflow a', { hasText: XSS_NAME });
    assert.deepEqual([await link.count(), await page.locator('img').count(), dialogs], [1, 0, []]);
  });

  it('clicks through a workflow to its executions and an execution to its node entries', async () => {
    await Promise.all([page.waitForURL(/workflow=demo-lead-enrichment/), page.locator('#by-workflow a', { hasText: 'Lead enrichment' }).click()]);
    const executions = await page.locator('#drill tbody tr').count();
    const label = await page.locator('#drill tbody a').first().textContent();
    await page.screenshot({ path: join(ARTIFACTS, 'billing-workflow.png'), fullPage: true });
    await Promise.all([page.waitForURL(/execution=/), page.locator('#drill tbody a').first().click()]);
    const nodes = await page.locator('#drill tbody tr td:first-child').allTextContents();
    const types = await page.locator('#drill tbody tr td:nth-child(2)').allTextContents();
    const heading = await page.locator('#drill h2').textContent();
    await page.screenshot({ path: join(ARTIFACTS, 'billing-execution.png'), fullPage: true });
    assert.ok(executions > 0);
    // An execution is named by its workflow and when it ran (`Lead enrichment · 3 Nov 2026, 14:05`), not by its id.
    assert.match(label ?? '', /^Lead enrichment · \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
    assert.match(heading ?? '', /^Lead enrichment · /);
    assert.deepEqual(nodes, ['Enrich company', 'Shape lead', 'Post to Slack']);
    assert.deepEqual(types, ['HTTP Request', 'Edit Fields (Set)', 'Slack']);
  });

  it('fits the workflow and execution views on a 375 px phone too', async () => {
    await page.setViewportSize(PHONE);
    const sizes = [];
    for (const [view, name] of [['/?workflow=demo-lead-enrichment', 'billing-workflow-phone.png'], [new URL(page.url()).pathname + new URL(page.url()).search, 'billing-execution-phone.png']] as const) {
      await page.goto(`${service.url}${view}`);
      await page.waitForSelector('#drill');
      sizes.push(await overflow(page));
      await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
    }
    await page.setViewportSize(DESKTOP);
    assert.deepEqual(sizes.filter((s) => s.scrollWidth > s.clientWidth), []);
  });

  it('lets an admin grant a pack, confirmed and with a reason, and the total rises by the pack but no purchase is listed', async () => {
    // No payment provider here: the pack's button is "Grant credits", which asks to confirm and for a reason.
    await page.goto(`${service.url}/`);
    const before = (await api(service.adminKey!, '/v1/balance')).body.totalAvailable as number;
    const button = page.locator('button.buy').first();
    const packId = await button.getAttribute('data-pack');
    const pack = ((await api(service.adminKey!, '/v1/topups/packs')).body.packs as Array<{ id: string; millicredits: number }>).find((p) => p.id === packId)!;
    dialogAnswer = 'e2e: a grant from the page';
    try {
      await Promise.all([page.waitForEvent('load'), button.click()]);
    } finally {
      dialogAnswer = undefined;
    }
    await page.waitForSelector('#usage-card');
    const after = (await api(service.adminKey!, '/v1/balance')).body.totalAvailable as number;
    await page.screenshot({ path: join(ARTIFACTS, 'billing-after-topup.png'), fullPage: true });
    assert.deepEqual(
      [after - before, await cardText('card-total'), await page.locator('#purchases p.empty').textContent(), await page.locator('#purchases tbody tr').count()],
      [pack.millicredits, formatCredits(before + pack.millicredits), 'No purchases yet.', 0],
    );
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
    await toPhoneWidth(page);
    const phone = await overflow(page);
    await page.screenshot({ path: join(ARTIFACTS, 'billing-member-phone.png'), fullPage: true });
    await page.setViewportSize(DESKTOP);
    assert.deepEqual([await page.locator('#topups').count(), await page.locator('button.buy').count(), await cardText('role'), fromPage, withKey.status], [0, 0, 'member', 403, 403]);
    assert.ok(phone.scrollWidth <= phone.clientWidth, `member view: scrollWidth ${phone.scrollWidth} > clientWidth ${phone.clientWidth}`);
  });

  it('shows the paused and debt banner once an execution ran past zero under pause', async () => {
    const card = (await api(service.adminKey!, '/v1/balance')).body as Record<string, number>;
    const plan = (await api(service.adminKey!, '/v1/plan')).body.plan as Record<string, unknown>;
    if (plan.exhaustion !== 'pause') await api(service.adminKey!, '/v1/plan', { method: 'PUT', body: JSON.stringify({ plan: { ...plan, exhaustion: 'pause' } }) });
    // An execution's charge 2.5 credits over what is left: under pause it is recorded, the 2.5 going below zero as debt.
    const left = ((await api(service.adminKey!, '/v1/balance')).body.totalAvailable as number);
    await api(service.adminKey!, '/v1/usage', { method: 'POST', body: JSON.stringify({ key: 'debt:1', millicredits: left + 2500, executionId: 'ex-debt', workflowId: 'wf-debt', workflowName: 'Overrun' }) });
    await page.click('#signout');
    await page.waitForSelector('#signin');
    await signIn(service.adminKey!);
    const banner = await page.locator('#status-banner').textContent();
    await page.screenshot({ path: join(ARTIFACTS, 'billing-paused.png'), fullPage: true });
    await toPhoneWidth(page);
    const phone = await overflow(page);
    await page.screenshot({ path: join(ARTIFACTS, 'billing-paused-phone.png'), fullPage: true });
    await page.setViewportSize(DESKTOP);
    assert.ok(card.totalAvailable! > 0);
    assert.match(banner ?? '', /Executions are paused\. No credits are left: n8n refuses new executions until credits renew on /);
    assert.match(banner ?? '', /The workspace owes 2\.5 credits\./);
    assert.ok(phone.scrollWidth <= phone.clientWidth, `paused view: scrollWidth ${phone.scrollWidth} > clientWidth ${phone.clientWidth}`);
  });
});
