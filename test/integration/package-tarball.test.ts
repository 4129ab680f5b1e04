import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/package-build';

/** The paths `npm pack --dry-run` would put in the tarball of the root package, or of a workspace. */
function packedFiles(workspace?: string): string[] {
	const args = ['pack', '--dry-run', '--json', '--ignore-scripts', ...(workspace ? ['--workspace', workspace] : [])];
	const packed = spawnSync('npm', args, { cwd: REPO_ROOT, encoding: 'utf8' });
	assert.equal(packed.status, 0, packed.stderr);
	return (JSON.parse(packed.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
}

describe('integration', () => {
	describe('the packed tarball of n8n-nodes-credits', function () {
		this.timeout(120_000);

		it('carries the MIT licence, the README and the built files, and no sources', () => {
			const files = packedFiles();
			assert.deepEqual(
				[files.includes('LICENSE'), files.includes('README.md'), files.includes('package.json'), files.some((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))],
				[true, true, true, false],
			);
		});
	});

	// The ledger package is what EXTERNAL_HOOK_FILES points into (bin/n8n-hook.js loads dist/); the CLI's bin runs dist/.
	for (const [workspace, bin] of [['ledger', 'bin/n8n-hook.js'], ['cli', 'bin/n8n-credits.js']] as const) {
		describe(`the packed tarball of the ${workspace}/ package`, function () {
			this.timeout(120_000);

			it('carries the licence, its bin and what the build compiles, and no sources or build and lint settings', () => {
				const files = packedFiles(workspace);
				const other = files.filter((f) => !['LICENSE', 'package.json', bin].includes(f) && !f.startsWith('dist/'));
				assert.deepEqual([files.includes('LICENSE'), files.includes(bin), other], [true, true, []]);
			});

			it('carries the same licence as the repository', () => {
				assert.equal(readFileSync(join(REPO_ROOT, workspace, 'LICENSE'), 'utf8'), readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8'));
			});
		});
	}
});
