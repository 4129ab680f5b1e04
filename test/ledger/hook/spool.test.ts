import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
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

  it('sets a damaged record aside in rejected/ instead of retrying it', () => {
    const spool = new Spool(tempDir('spool-'));
    spool.open();
    writeFileSync(join(spool.dir, '00000000000001-1-1-x.json'), '{"executionId": "x", "bo');
    assert.equal(spool.read('00000000000001-1-1-x.json'), null);
    assert.deepEqual([spool.list(), readdirSync(join(spool.dir, 'rejected'))], [[], ['00000000000001-1-1-x.json']]);
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
