import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrap } from '../../ledger/src/service/bootstrap';
import { openStore } from '../../ledger/src/service/openStore';
import { cli, tempDir } from './support';

/**
 * `--format json` (and text where it is new) of the ledger administration commands, field by field. The ledger
 * is the one `serve` starts: the `twenty` preset (5,000,000 credits a month, packs of 1m, 5m and 20m credits) and
 * its first admin key, with one charge of 2.5 credits.
 */
describe('n8n-credits ledger commands, --format text and json', function () {
  this.timeout(30_000);
  let dir: string;
  let cleanup: () => void;
  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    const store = await openStore({ dataDir: join(dir, '.n8n-credits-data'), databaseUrl: null });
    await bootstrap(store);
    await store.charge({ workspaceId: 'default', key: 'k1', millicredits: 2500, workflowId: 'w1', workflowName: 'Invoices' });
    await store.close();
  });
  afterEach(() => cleanup());

  it('does print the new plan of `plan set` as workspace, plan name and start', async () => {
    const r = await cli(['plan', 'set', '--preset', 'spojit', '--format', 'json'], dir);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual([r.code, Object.keys(doc), doc.workspaceId, doc.plan, Number.isNaN(Date.parse(String(doc.planStartedAt)))], [0, ['workspaceId', 'plan', 'planStartedAt'], 'default', 'spojit', false]);
  });

  it('does keep `plan show` a plan file by default, which `plan set --file` reads back', async () => {
    const shown = await cli(['plan', 'show'], dir);
    const plan = JSON.parse(shown.stdout) as { name: string; allocation: number; topUps: { packs: Array<{ id: string }> } };
    // The preset's own figures: 5,000,000 credits = 5,000,000,000 millicredits; three packs.
    assert.deepEqual([plan.name, plan.allocation, plan.topUps.packs.map((p) => p.id)], ['twenty', 5_000_000_000, ['twenty-1m', 'twenty-5m', 'twenty-20m']]);
    writeFileSync(join(dir, 'plan.json'), shown.stdout);
    assert.equal((await cli(['plan', 'set', '--file', 'plan.json'], dir)).code, 0);
  });

  it('does print `plan show --format text` one rule a line', async () => {
    const r = await cli(['plan', 'show', '--format', 'text'], dir);
    const lines = r.stdout.trimEnd().split('\n').map((l) => l.replace(/ {2,}/g, ' | '));
    assert.deepEqual(lines.slice(1), [
      'price book | twenty',
      'allocation | 5,000,000 credits a month',
      'daily limit | none',
      'rollover cap | 5,000,000 credits',
      'top-up packs | twenty-1m 1,000,000 credits for 10.00 USD; twenty-5m 5,000,000 credits for 45.00 USD; twenty-20m 20,000,000 credits for 160.00 USD',
      'top-ups last | until the plan ends',
      'at zero | pause (admits on the expected estimate)',
      'editor runs | free',
      'failed step | not charged',
      'circuit breaker | none',
      'member shares | no',
    ]);
    assert.match(lines[0]!, /^plan \| twenty \(Twenty, monthly billing: /);
  });

  it('does list the top-up packs with millicredits and the price in minor units', async () => {
    const r = await cli(['topup', '--list', '--format', 'json'], dir);
    assert.deepEqual(JSON.parse(r.stdout), {
      workspaceId: 'default',
      packs: [
        { id: 'twenty-1m', millicredits: 1_000_000_000, priceMinorUnits: 1000, currency: 'USD' },
        { id: 'twenty-5m', millicredits: 5_000_000_000, priceMinorUnits: 4500, currency: 'USD' },
        { id: 'twenty-20m', millicredits: 20_000_000_000, priceMinorUnits: 16000, currency: 'USD' },
      ],
    });
  });

  it('does print a top-up as the pack, what it added and the new total, in millicredits', async () => {
    const r = await cli(['topup', '--pack', 'twenty-1m', '--format', 'json'], dir);
    // 5,000,000,000 allocated − 2,500 charged + 1,000,000,000 from the pack.
    assert.deepEqual([r.code, JSON.parse(r.stdout)], [0, { workspaceId: 'default', pack: 'twenty-1m', addedMillicredits: 1_000_000_000, totalAvailableMillicredits: 5_999_997_500 }]);
  });

  it('does say that a repeated payment key added nothing', async () => {
    await cli(['topup', '--pack', 'twenty-1m', '--key', 'pi_1'], dir);
    const json = await cli(['topup', '--pack', 'twenty-1m', '--key', 'pi_1', '--format', 'json'], dir);
    const text = await cli(['topup', '--pack', 'twenty-1m', '--key', 'pi_1'], dir);
    // One pack on 4,999,997.5 credits: 5,999,997.5, however often the key is sent.
    assert.deepEqual([JSON.parse(json.stdout), text.stdout], [
      { workspaceId: 'default', pack: 'twenty-1m', addedMillicredits: 0, totalAvailableMillicredits: 5_999_997_500 },
      'key "pi_1" was used before: nothing added; total available 5,999,997.5\n',
    ]);
  });

  it('does print the revoked key\'s record, with no secret in it', async () => {
    const created = JSON.parse((await cli(['keys', 'create', '--role', 'meter', '--name', 'ci', '--format', 'json'], dir)).stdout) as { key: string; record: { id: string } };
    const r = await cli(['keys', 'revoke', created.record.id, '--format', 'json'], dir);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(
      [r.code, Object.keys(doc).sort(), doc.id, doc.role, doc.name, doc.prefix, typeof doc.revokedAt, r.stdout.includes(created.key)],
      [0, ['createdAt', 'id', 'lastUsedAt', 'memberId', 'name', 'prefix', 'revokedAt', 'role', 'workspaceId'], created.record.id, 'meter', 'ci', created.key.slice(0, 10), 'string', false],
    );
  });

  it('does print a report as its rows with millicredits, and keep `table` as the old name of text', async () => {
    const json = await cli(['report', '--by', 'workflow', '--format', 'json'], dir);
    const [text, table] = [await cli(['report'], dir), await cli(['report', '--format', 'table'], dir)];
    assert.deepEqual(JSON.parse(json.stdout), { workspaceId: 'default', by: 'workflow', rows: [{ key: 'w1', label: 'Invoices', millicredits: 2500, entries: 1 }] });
    assert.deepEqual([table.stdout, text.code], [text.stdout, 0]);
  });

  it('does list keys as JSON, and keep `keys list --json` as a deprecated alias that says so', async () => {
    await cli(['keys', 'create', '--role', 'member', '--name', 'alice', '--member', 'alice'], dir);
    const json = await cli(['keys', 'list', '--format', 'json'], dir);
    const alias = await cli(['keys', 'list', '--json'], dir);
    const keys = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    // The admin key `serve` made at the first start, then alice's.
    assert.deepEqual(
      [keys.map((k) => [k.role, k.name, k.memberId, k.revokedAt]), alias.stdout, alias.stderr],
      [[['admin', 'first admin', null, null], ['member', 'alice', 'alice', null]], json.stdout, 'n8n-credits keys list: --json is deprecated; use --format json\n'],
    );
  });

  it('does print an export run\'s counts, and where it stopped when the target fails', async () => {
    const file = join(dir, 'usage.jsonl');
    const done = await cli(['export', '--to', 'jsonl', '--out', file, '--format', 'json'], dir);
    // One usage entry (the charge k1), the ledger's first: sent, acknowledged, and the cursor past it.
    assert.deepEqual([done.code, JSON.parse(done.stdout)], [0, { target: `jsonl:${file}`, entries: 1, sent: 1, acknowledged: 1, cursorEntryId: 1, error: null }]);
    const failed = await cli(['export', '--to', 'cloudevents', '--out', 'http://127.0.0.1:9/events', '--format', 'json'], dir);
    const doc = JSON.parse(failed.stdout) as Record<string, unknown>;
    assert.deepEqual(
      [failed.code, doc.target, doc.entries, doc.acknowledged, doc.cursorEntryId, typeof doc.error, failed.stderr.startsWith(`n8n-credits: ${String(doc.error)} (`)],
      [2, 'cloudevents:http://127.0.0.1:9/events', 1, 0, 0, 'string', true],
    );
  });
});
