import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureNodesBasePackage } from './nodes-base-package';

describe('ensureNodesBasePackage', () => {
  const saved = process.env.N8N_NODES_BASE_DIR;
  const made: string[] = [];
  const tempDir = (prefix: string): string => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
  after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  afterEach(() => {
    if (saved === undefined) delete process.env.N8N_NODES_BASE_DIR;
    else process.env.N8N_NODES_BASE_DIR = saved;
  });

  it('uses the directory N8N_NODES_BASE_DIR names when it holds a package.json', () => {
    const dir = tempDir('nodes-base-');
    writeFileSync(join(dir, 'package.json'), '{ "name": "n8n-nodes-base" }');
    process.env.N8N_NODES_BASE_DIR = dir;

    assert.equal(ensureNodesBasePackage('/nonexistent-cache'), dir);
  });

  it('refuses an N8N_NODES_BASE_DIR without a package.json, naming it', () => {
    const dir = tempDir('nodes-base-');
    process.env.N8N_NODES_BASE_DIR = dir;

    assert.throws(() => ensureNodesBasePackage('/nonexistent-cache'), { message: `n8n-nodes-base not found: ${dir} has no package.json` });
  });

  it('finds the cached package for the installed n8n-core version without fetching', () => {
    delete process.env.N8N_NODES_BASE_DIR;
    const cache = tempDir('nodes-base-cache-');
    const version = (JSON.parse(readFileSync(require.resolve('n8n-core/package.json'), 'utf8')) as { version: string }).version;
    const target = join(cache, version, 'node_modules', 'n8n-nodes-base');
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, 'package.json'), '{ "name": "n8n-nodes-base" }');

    assert.equal(ensureNodesBasePackage(cache), target);
  });
});
