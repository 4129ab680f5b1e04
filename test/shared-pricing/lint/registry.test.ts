import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../../../shared-pricing/src/lint/rules';

const ROOT = join(__dirname, '..', '..', '..');
const ruleFiles = readdirSync(join(ROOT, 'shared-pricing/src/lint/rules'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const ids = rules.map((r) => r.meta.id);

describe('lint rule registry', () => {
  it('does register exactly the rules that have a file in rules/', () => {
    assert.deepEqual([...ids].sort(), ruleFiles);
  });

  it('does hold at least eight rules with unique ids', () => {
    assert.ok(ids.length >= 8, `only ${ids.length} rules`);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('does have no doc page without a rule', () => {
    const pages = readdirSync(join(ROOT, 'docs/rules')).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.replace(/\.md$/, '')).sort();
    assert.deepEqual(pages, [...ids].sort());
  });

  it('does list every rule in docs/rules/README.md', () => {
    const index = readFileSync(join(ROOT, 'docs/rules/README.md'), 'utf8');
    for (const id of ids) assert.ok(index.includes(`[\`${id}\`](${id}.md)`), `README.md lacks ${id}`);
  });

  for (const id of ruleFiles) {
    describe(id, () => {
      const rule = rules.find((r) => r.meta.id === id);
      const docPath = join(ROOT, 'docs/rules', `${id}.md`);

      it('does have a doc page docs/rules/<id>.md that its meta links to', () => {
        assert.equal(rule?.meta.docs, `docs/rules/${id}.md`);
        assert.ok(existsSync(docPath), `missing ${docPath}`);
      });

      it('does have a doc page that starts with its id and explains what, why, examples and the fix', () => {
        const doc = readFileSync(docPath, 'utf8');
        assert.equal(doc.split('\n')[0], `# ${id}`);
        for (const heading of ['## What it checks', '## Why', '## Bad', '## Good', '## Options', '## How to fix']) assert.ok(doc.includes(heading), `${id}.md lacks "${heading}"`);
      });

      it('does document every option on its doc page', () => {
        const doc = readFileSync(docPath, 'utf8');
        for (const option of Object.keys(rule?.meta.options ?? {})) assert.ok(doc.includes(`\`${option}\``), `${id}.md does not mention option ${option}`);
      });

      it('does have a table-driven test file', () => {
        assert.ok(existsSync(join(ROOT, 'test/shared-pricing/lint/rules', `${id}.test.ts`)));
      });

      it('does have a description, a valid default severity and at least one message', () => {
        assert.ok((rule?.meta.description.length ?? 0) > 10);
        assert.ok(['off', 'warning', 'error'].includes(rule?.meta.defaultSeverity ?? ''));
        assert.ok(Object.keys(rule?.meta.messages ?? {}).length >= 1);
      });
    });
  }
});
