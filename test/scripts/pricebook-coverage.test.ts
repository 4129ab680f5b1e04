import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const folder = join(__dirname, 'fixtures/coverage');
const books = join(__dirname, 'fixtures/books');

/** Runs the script as `npm run pricebook:coverage` does (through tsx). */
function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), join(root, 'scripts/pricebook-coverage.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scripts/pricebook-coverage.ts', () => {
  let fixtureRun: ReturnType<typeof run>;
  before(() => {
    fixtureRun = run(folder);
  });

  it('exits 0 and prints the files, node instances and explicit share', () => {
    assert.equal(fixtureRun.status, 0, fixtureRun.stderr);
    assert.deepEqual(fixtureRun.stdout.split('\n').slice(0, 4), [
      'price book: preset "default" (fallback class "app")',
      'files read: 4 (2 skipped), workflows: 3',
      'node instances: 10',
      'explicitly priced: 70.0% (7 of 10 node instances)',
    ]);
  });

  it('lists the node types priced by the fallback, most instances first', () => {
    assert.deepEqual(fixtureRun.stdout.split('\n').slice(4, 7), [
      'top 2 of 2 node types priced by the fallback:',
      '  2  n8n-nodes-klicktipp.klicktipp',
      '  1  n8n-nodes-mcp.mcpClient',
    ]);
  });

  it('reports how the models of LLM nodes resolve', () => {
    assert.deepEqual(fixtureRun.stdout.trimEnd().split('\n').slice(7), [
      'LLM nodes: 2 (0 without a literal model, priced at the fallback rate)',
      'models known to the book: 50.0% (1 of 2 LLM nodes naming a model)',
      'top 1 of 1 models priced at the fallback rate:',
      '  1  my-local-model:7b',
    ]);
  });

  it('skips files that are not workflows with a one-line reason each', () => {
    assert.deepEqual(fixtureRun.stderr.trimEnd().split('\n'), [
      'skipped broken.json: not valid JSON at line 5, column 2: unexpected character',
      'skipped settings.json: not a workflow (no "nodes" array)',
    ]);
  });

  it('uses a price book file that extends a preset', () => {
    const result = run(folder, '--price-book', join(books, 'my.price-book.json'));
    assert.deepEqual([result.status, result.stdout.split('\n')[3]], [0, 'explicitly priced: 90.0% (9 of 10 node instances)']);
  });

  it('refuses an invalid price book with exit 2, naming the file and JSON path', () => {
    const file = join(books, 'bad.price-book.json');
    const result = run(folder, '--price-book', file);
    assert.equal(result.status, 2);
    assert.equal(result.stderr.split('\n').slice(0, 3).join('\n'), `pricebook-coverage: ${file}: price book is not valid:\n  $.classes.app.rate: expected an integer ≥ 0, got 1.5\nusage: npm run pricebook:coverage -- <folder> [--price-book file | --preset name]`);
  });

  it('refuses an unknown preset and a missing folder with exit 2', () => {
    const unknown = run(folder, '--preset', 'nope');
    const missing = run(join(folder, 'does-not-exist'));
    assert.deepEqual(
      [unknown.status, unknown.stderr.split('\n')[0]?.startsWith('pricebook-coverage: unknown price book preset "nope"'), missing.status, missing.stderr.split('\n')[0]],
      [2, true, 2, `pricebook-coverage: cannot read folder ${join(folder, 'does-not-exist')}: ENOENT`],
    );
  });
});
