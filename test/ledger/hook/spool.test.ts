import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Spool } from '../../../ledger/src/hook/spool';
import { tempDir } from './helpers';

describe('Spool', () => {
  it('lists records oldest first and reads them back whole', () => {
    const spool = new Spool(tempDir('spool-'));
    spool.open();
    spool.write({ executionId: '1', body: '{"a":1}' });
    spool.write({ executionId: '2/x', body: '{"a":2}' });
    const names = spool.list();
    assert.deepEqual(names.map((n) => spool.read(n)), [{ executionId: '1', body: '{"a":1}' }, { executionId: '2/x', body: '{"a":2}' }]);
  });

  it('sets a damaged record aside in dead/ instead of retrying it', () => {
    const spool = new Spool(tempDir('spool-'));
    spool.open();
    writeFileSync(join(spool.dir, '00000000000001-1-1-x.json'), '{"executionId": "x", "bo');
    assert.equal(spool.read('00000000000001-1-1-x.json'), null);
    assert.deepEqual([spool.list(), readdirSync(join(spool.dir, 'dead'))], [[], ['00000000000001-1-1-x.json']]);
  });

  it('keeps records written in the same millisecond in the order written', () => {
    const spool = new Spool(tempDir('spool-'));
    spool.open();
    // 12 records in one millisecond: an unpadded sequence would sort "10", "11", "12" before "2".
    const now = Date.now;
    Date.now = () => 1700000000000;
    try {
      for (let i = 1; i <= 12; i++) spool.write({ executionId: `e${i}`, body: '{}' });
    } finally {
      Date.now = now;
    }
    assert.deepEqual(spool.list().map((n) => spool.read(n)!.executionId), Array.from({ length: 12 }, (_, i) => `e${i + 1}`));
  });

  it('moves the rejected/ records of an older hook into dead/ with their reason when opened', () => {
    const dir = tempDir('spool-');
    mkdirSync(join(dir, 'rejected'));
    writeFileSync(join(dir, 'rejected', '00001700000000000-7-1-42.json'), JSON.stringify({ executionId: '42', body: '{"workflowId":"wf-9"}', reason: 'the ledger answered 409: key conflict' }));
    writeFileSync(join(dir, 'rejected', '00001700000000001-7-2-43.json'), JSON.stringify({ executionId: '43', body: '{}' }));
    const spool = new Spool(dir);
    spool.open();
    const read = (n: string) => (JSON.parse(readFileSync(join(spool.dead.dir, n), 'utf8')) as { executionId: string; dead: { status: number | null; message: string; attempts: number } });
    const [a, b] = spool.dead.names().map(read);
    assert.deepEqual([existsSync(join(dir, 'rejected')), a!.executionId, a!.dead.status, a!.dead.message, a!.dead.attempts, b!.executionId, b!.dead.status],
      [false, '42', 409, 'the ledger answered 409: key conflict', 1, '43', null]);
  });

  it('does not list temporary files of a write in progress', () => {
    const spool = new Spool(tempDir('spool-'));
    spool.open();
    writeFileSync(join(spool.dir, '.00000000000001-1-1-x.json.tmp'), '{}');
    assert.deepEqual(spool.list(), []);
  });

  it('fails to open a folder it cannot create', () => {
    const file = join(tempDir('spool-'), 'a-file');
    writeFileSync(file, '');
    assert.throws(() => new Spool(join(file, 'spool')).open(), /ENOTDIR/);
  });
});
