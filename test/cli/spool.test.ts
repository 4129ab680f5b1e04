import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './support';

const HOUR = 3600_000;

/** A file name as the hook writes it: spooled `hoursAgo` hours ago. */
function fileName(hoursAgo: number, seq: number, executionId: string): string {
  return `${String(Date.now() - hoursAgo * HOUR).padStart(14, '0')}-4242-${String(seq).padStart(9, '0')}-${executionId}.json`;
}

function body(executionId: string, workflowId: string, workflowName: string): string {
  return JSON.stringify({ executionId, workflowId, workflowName, workflow: { nodes: [], connections: {} }, run: { status: 'success' } });
}

/**
 * A spool folder by hand: one waiting record, two dead ones (a 500 after 10 attempts, 2 hours old; a 401, 30 hours
 * old), one damaged dead file, and one record an older hook left in rejected/ with a 409.
 */
function spoolFolder(): { dir: string; names: Record<string, string>; cleanup: () => void } {
  const { dir, cleanup } = tempDir();
  mkdirSync(join(dir, 'dead'));
  mkdirSync(join(dir, 'rejected'));
  const names = { waiting: fileName(0, 1, '7'), poison: fileName(2, 2, '41'), rotated: fileName(30, 3, '42'), damaged: fileName(1, 4, '43'), old: fileName(50, 5, '44') };
  writeFileSync(join(dir, names.waiting), JSON.stringify({ executionId: '7', body: body('7', 'wf-1', 'Orders') }));
  const at = new Date(Date.now() - HOUR).toISOString();
  writeFileSync(join(dir, 'dead', names.poison), JSON.stringify({ executionId: '41', body: body('41', 'wf-1', 'Orders'), dead: { status: 500, message: 'the ledger answered 500: {"error":"internal_error"}', attempts: 10, at } }));
  writeFileSync(join(dir, 'dead', names.rotated), JSON.stringify({ executionId: '42', body: body('42', 'wf-2', 'Invoices'), dead: { status: 401, message: 'the ledger answered 401: unknown key', attempts: 1, at } }));
  writeFileSync(join(dir, 'dead', names.damaged), '{"executionId": "43", "bo');
  writeFileSync(join(dir, 'rejected', names.old), JSON.stringify({ executionId: '44', body: body('44', 'wf-3', 'Mail'), reason: 'the ledger answered 409: key conflict' }));
  return { dir, names, cleanup };
}

interface ListJson {
  dir: string;
  waiting: number;
  dead: number;
  records: Array<{ file: string; executionId: string | null; workflowId: string | null; status: number | null; attempts: number | null; ageSeconds: number | null }>;
}

describe('n8n-credits spool', () => {
  let folder: ReturnType<typeof spoolFolder>;
  beforeEach(() => (folder = spoolFolder()));
  afterEach(() => folder.cleanup());

  it('does list dead records oldest first with workflow, attempts, age and reason, older rejected/ records included', async () => {
    const r = await cli(['spool', 'list', '--dir', folder.dir]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n').map((l) => l.replace(/ +/g, ' '));
    // Ages from the file names: 50 h → 2d, 30 h → 30h, 2 h → 2h, 1 h → 1h.
    assert.deepEqual(lines, [
      `spool ${folder.dir}: 1 waiting, 4 dead`,
      'EXECUTION WORKFLOW ATTEMPTS AGE REASON',
      '44 wf-3 "Mail" 1 2d the ledger answered 409: key conflict',
      '42 wf-2 "Invoices" 1 30h the ledger answered 401: unknown key',
      '41 wf-1 "Orders" 10 2h the ledger answered 500: {"error":"internal_error"}',
      `(damaged) ${folder.names.damaged} - - 1h the file cannot be read: drop it, or repair it by hand`,
    ]);
    assert.equal(existsSync(join(folder.dir, 'rejected')), false);
  });

  it('does list as JSON with each record\'s file name and status', async () => {
    const r = await cli(['spool', 'list', '--format', 'json', '--dir', folder.dir]);
    const out = JSON.parse(r.stdout) as ListJson;
    assert.deepEqual([Object.keys(out), Object.keys(out.records[0]!)], [
      ['dir', 'waiting', 'dead', 'records'],
      ['file', 'executionId', 'workflowId', 'workflowName', 'status', 'message', 'attempts', 'failedAt', 'spooledAt', 'ageSeconds'],
    ]);
    assert.deepEqual([out.waiting, out.dead, out.records.map((x) => [x.file, x.executionId, x.workflowId, x.status, x.attempts])], [1, 4, [
      [folder.names.old, '44', 'wf-3', 409, 1],
      [folder.names.rotated, '42', 'wf-2', 401, 1],
      [folder.names.poison, '41', 'wf-1', 500, 10],
      [folder.names.damaged, null, null, null, null],
    ]]);
    assert.ok(Math.abs(out.records[1]!.ageSeconds! - 30 * 3600) <= 2);
  });

  it('does keep `list --json` as a deprecated alias of --format json that says so on standard error', async () => {
    const alias = await cli(['spool', 'list', '--json', '--dir', folder.dir]);
    const format = await cli(['spool', 'list', '--format', 'json', '--dir', folder.dir]);
    const records = (r: { stdout: string }) => (JSON.parse(r.stdout) as ListJson).records.map((x) => x.file);
    assert.deepEqual([alias.code, alias.stderr, records(alias)], [0, 'n8n-credits spool list: --json is deprecated; use --format json\n', records(format)]);
  });

  it('does print replay and drop counts as JSON', async () => {
    const replayed = await cli(['spool', 'replay', '--all', '--format', 'json', '--dir', folder.dir]);
    const dropped = await cli(['spool', 'drop', '--all', '--yes', '--format', 'json', '--dir', folder.dir]);
    // 41, 42 and 44 go back to the spool; the damaged file cannot, and is then the only one left to drop.
    assert.deepEqual([JSON.parse(replayed.stdout), JSON.parse(dropped.stdout)], [{ dir: folder.dir, replayed: 3, damaged: 1 }, { dir: join(folder.dir, 'dead'), dropped: 1 }]);
  });

  it('does replay one record by execution id into the live spool under its old name, with its attempts reset', async () => {
    const r = await cli(['spool', 'replay', '41', '--dir', folder.dir]);
    assert.deepEqual([r.code, r.stdout.startsWith(`replayed 1 record to ${folder.dir};`)], [0, true]);
    const live = JSON.parse(readFileSync(join(folder.dir, folder.names.poison), 'utf8')) as Record<string, unknown>;
    assert.deepEqual([Object.keys(live).sort(), live.executionId, readdirSync(join(folder.dir, 'dead')).length], [['body', 'executionId'], '41', 3]);
  });

  it('does replay every readable record with --all and leaves the damaged one to be dropped', async () => {
    const r = await cli(['spool', 'replay', '--all', '--dir', folder.dir]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^replayed 3 records to .*; 1 damaged record left in dead\/ \(drop them\);/);
    assert.deepEqual([readdirSync(join(folder.dir, 'dead')), readdirSync(folder.dir).filter((f) => f.endsWith('.json')).length], [[folder.names.damaged], 4]);
  });

  it('does not drop without --yes, and drops one record or all with it', async () => {
    const refused = await cli(['spool', 'drop', '42', '--dir', folder.dir]);
    assert.deepEqual([refused.code, refused.stderr], [2, 'n8n-credits: drop deletes 1 dead record for good (those executions are never charged): add --yes to confirm\n']);
    // 4 dead: 41, 42, the damaged one and 44 moved from rejected/.
    assert.equal(readdirSync(join(folder.dir, 'dead')).length, 4);
    assert.equal((await cli(['spool', 'drop', '42', '--yes', '--dir', folder.dir])).code, 0);
    assert.deepEqual(readdirSync(join(folder.dir, 'dead')).sort(), [folder.names.damaged, folder.names.poison, folder.names.old].sort());
    const all = await cli(['spool', 'drop', '--all', '--yes', '--dir', folder.dir]);
    assert.deepEqual([all.code, all.stdout, readdirSync(join(folder.dir, 'dead')), readdirSync(folder.dir).filter((f) => f.endsWith('.json'))],
      [0, `dropped 3 records from ${join(folder.dir, 'dead')}\n`, [], [folder.names.waiting]]);
  });

  it('does exit 2 with a clear message for an unknown id, no id, or a damaged record replayed', async () => {
    const unknown = await cli(['spool', 'replay', 'nope', '--dir', folder.dir]);
    const none = await cli(['spool', 'drop', '--dir', folder.dir]);
    const damaged = await cli(['spool', 'replay', folder.names.damaged, '--dir', folder.dir]);
    assert.deepEqual([unknown.code, unknown.stderr, none.code, none.stderr, damaged.code, damaged.stderr], [
      2, `n8n-credits: no dead record "nope" in ${join(folder.dir, 'dead')} (n8n-credits spool list shows them)\n`,
      2, 'n8n-credits: give a record id (n8n-credits spool list shows them) or --all\n',
      2, `n8n-credits: ${folder.names.damaged} is damaged: it cannot be replayed, only dropped\n`,
    ]);
  });

  it('does exit 2 naming the folder when the spool folder does not exist', async () => {
    const missing = join(folder.dir, 'nowhere');
    const r = await cli(['spool', 'list', '--dir', missing]);
    assert.deepEqual([r.code, r.stderr], [2, `n8n-credits: no spool folder at ${missing}: give --dir, or set N8N_CREDITS_SPOOL_DIR (or N8N_USER_FOLDER) as for n8n\n`]);
  });

  it('does find the hook\'s folder from N8N_USER_FOLDER as the hook does', async () => {
    const { dir: user, cleanup } = tempDir();
    const saved = { spool: process.env.N8N_CREDITS_SPOOL_DIR, user: process.env.N8N_USER_FOLDER };
    try {
      delete process.env.N8N_CREDITS_SPOOL_DIR;
      process.env.N8N_USER_FOLDER = user;
      const spool = join(user, '.n8n', 'n8n-credits-spool');
      mkdirSync(join(spool, 'dead'), { recursive: true });
      writeFileSync(join(spool, 'dead', fileName(0, 1, '9')), JSON.stringify({ executionId: '9', body: '{}', dead: { status: 400, message: 'bad', attempts: 1, at: new Date().toISOString() } }));
      const r = await cli(['spool', 'list', '--json']);
      assert.deepEqual([(JSON.parse(r.stdout) as ListJson).dir, (JSON.parse(r.stdout) as ListJson).dead], [spool, 1]);
    } finally {
      for (const [name, value] of [['N8N_CREDITS_SPOOL_DIR', saved.spool], ['N8N_USER_FOLDER', saved.user]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      cleanup();
    }
  });

  it('does print the waiting and dead counts in Prometheus text format', async () => {
    const r = await cli(['spool', 'stats', '--dir', folder.dir]);
    assert.deepEqual(r.stdout.split('\n').filter((l) => !l.startsWith('#')), ['n8n_credits_hook_spool_records{state="waiting"} 1', 'n8n_credits_hook_spool_records{state="dead"} 4', '']);
  });

  it('does print the counts as JSON with the names `list` uses', async () => {
    const r = await cli(['spool', 'stats', '--format', 'json', '--dir', folder.dir]);
    assert.deepEqual(JSON.parse(r.stdout), { dir: folder.dir, waiting: 1, dead: 4 });
  });
});
