import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandPatterns } from '../../cli/src/files/expandPatterns';
import { CliError } from '../../cli/src/io';
import { tempDir } from './support';

describe('expandPatterns', () => {
  let dir = '';
  let cleanup = () => {};
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    for (const file of ['a.json', 'b.txt', 'sub/c.json', 'sub/deep/d.json', 'node_modules/x.json']) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), '{}');
    }
  });
  afterEach(() => cleanup());

  it('does expand a recursive glob, skipping node_modules, sorted', () => {
    assert.deepEqual(expandPatterns(['**/*.json'], dir), [join(dir, 'a.json'), join(dir, 'sub/c.json'), join(dir, 'sub/deep/d.json')]);
  });

  it('does expand an absolute glob', () => {
    assert.deepEqual(expandPatterns([`${dir}/sub/*.json`], '/'), [join(dir, 'sub/c.json')]);
  });

  it('does take a folder as every JSON file in it', () => {
    assert.deepEqual(expandPatterns(['sub'], dir), [join(dir, 'sub/c.json'), join(dir, 'sub/deep/d.json')]);
  });

  it('does take a file as it is, whatever its extension, once', () => {
    assert.deepEqual(expandPatterns(['b.txt', './b.txt'], dir), [join(dir, 'b.txt')]);
  });

  it('does expand character classes', () => {
    writeFileSync(join(dir, 'sub/c1.json'), '{}');
    writeFileSync(join(dir, 'sub/c2.json'), '{}');
    writeFileSync(join(dir, 'sub/cx.json'), '{}');
    assert.deepEqual(expandPatterns(['sub/c[0-9].json'], dir), [join(dir, 'sub/c1.json'), join(dir, 'sub/c2.json')]);
  });

  it('does expand a character class of letters, a negated class and a class in a folder name', () => {
    for (const file of ['sub/ca.json', 'sub/cb.json', 'sub/cz.json', 'v1/x.json', 'v2/x.json', 'vz/x.json']) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), '{}');
    }
    assert.deepEqual(expandPatterns(['sub/c[ab].json'], dir), [join(dir, 'sub/ca.json'), join(dir, 'sub/cb.json')]);
    assert.deepEqual(expandPatterns(['sub/c[!ab].json'], dir), [join(dir, 'sub/cz.json')]);
    assert.deepEqual(expandPatterns(['v[0-9]/*.json'], dir), [join(dir, 'v1/x.json'), join(dir, 'v2/x.json')]);
  });

  it('does expand braces, `?` within one segment and `**` across none or several folders', () => {
    assert.deepEqual(expandPatterns(['{sub,other}/?.json'], dir), [join(dir, 'sub/c.json')]);
    assert.deepEqual(expandPatterns(['sub/**/d.json'], dir), [join(dir, 'sub/deep/d.json')]);
    assert.deepEqual(expandPatterns(['*.json'], dir), [join(dir, 'a.json')]);
  });

  it('does take an existing file literally when its name looks like a glob', () => {
    writeFileSync(join(dir, 'file.(1).json'), '{}');
    writeFileSync(join(dir, 'file[1].json'), '{}');
    writeFileSync(join(dir, 'file1.json'), '{}');
    assert.deepEqual(expandPatterns(['file.(1).json', 'file[1].json'], dir), [join(dir, 'file.(1).json'), join(dir, 'file[1].json')]);
  });

  it('does search dot folders but not .git', () => {
    for (const file of ['.github/w.json', '.git/x.json']) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), '{}');
    }
    assert.deepEqual(expandPatterns(['**/w.json'], dir), [join(dir, '.github/w.json')]);
    assert.throws(() => expandPatterns(['**/x.json'], dir), CliError);
  });

  it('does throw a CliError naming a pattern that matches nothing', () => {
    assert.throws(() => expandPatterns(['a.json', 'missing/*.json'], dir), (e: unknown) => e instanceof CliError && e.message === 'no files match "missing/*.json"' && e.exitCode === 2);
  });
});
