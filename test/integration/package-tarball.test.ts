import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './support/package-build';

describe('integration', () => {
	describe('the packed tarball of n8n-nodes-credits', function () {
		this.timeout(120_000);

		it('carries the MIT licence, the README and the built files, and no sources', () => {
			const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8' });
			assert.equal(packed.status, 0, packed.stderr);
			const files = (JSON.parse(packed.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
			assert.deepEqual(
				[files.includes('LICENSE'), files.includes('README.md'), files.includes('package.json'), files.some((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))],
				[true, true, true, false],
			);
		});
	});
});
