import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('unit', () => {
	describe('the community package shape', () => {
		it('keeps eslint.config.mjs byte for byte as the n8n starter ships it (strict mode)', () => {
			assert.equal(readFileSync(join(ROOT, 'eslint.config.mjs'), 'utf8'), "import { config } from '@n8n/node-cli/eslint';\n\nexport default config;\n");
		});

		it('lists in package.json a built file for every node and credential source', () => {
			const sources = [...manifest.n8n.nodes, ...manifest.n8n.credentials].map((f: string) => f.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
			assert.deepEqual(sources.filter((f) => !existsSync(join(ROOT, f))), []);
			assert.equal(manifest.n8n.strict, true);
		});

		it('has no runtime dependencies and n8n-workflow as its only peer', () => {
			assert.deepEqual([manifest.dependencies, manifest.peerDependencies], [undefined, { 'n8n-workflow': '*' }]);
		});

		it('builds and lints with the starter commands, linting each folder with its own config', () => {
			const wrapper = readFileSync(join(ROOT, 'scripts', 'n8n-node.sh'), 'utf8');
			assert.deepEqual([manifest.scripts['build:nodes'], manifest.scripts['lint:nodes']], ['scripts/n8n-node.sh build', 'scripts/n8n-node.sh lint']);
			assert.match(wrapper, /^export ESLINT_FLAGS=unstable_config_lookup_from_file$/m);
		});

		it('ships only the built package files and its licence', () => {
			assert.deepEqual(manifest.files, ['dist/nodes', 'dist/credentials', 'dist/shared-pricing', 'LICENSE']);
		});

		it('packs the MIT licence and no source file into the tarball (npm pack --dry-run)', () => {
			const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
			const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
			assert.ok(files.includes('LICENSE'), files.join(', '));
			assert.match(readFileSync(join(ROOT, 'LICENSE'), 'utf8'), /^MIT License/);
			assert.deepEqual(files.filter((f) => !f.startsWith('dist/') && !['LICENSE', 'README.md', 'package.json'].includes(f)), []);
		});
	});
});
