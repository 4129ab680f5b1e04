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

  it('does throw a CliError naming a pattern that matches nothing', () => {
    assert.throws(() => expandPatterns(['a.json', 'missing/*.json'], dir), (e: unknown) => e instanceof CliError && e.message === 'no files match "missing/*.json"' && e.exitCode === 2);
  });
});
