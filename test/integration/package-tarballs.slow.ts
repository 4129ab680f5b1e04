import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLedger } from '../e2e/n8n/harness';
import { REPO_ROOT } from './support/package-build';

/**
 * The `n8n-credits` (ledger/) and `n8n-credits-cli` (cli/) packages as npm would install them: built, packed with
 * `npm pack`, unpacked, and run from there — so a `files` list that leaves out what runs fails here. Their
 * dependencies come from the repository's node_modules through NODE_PATH (nothing is installed from a registry).
 */
describe('integration', () => {
	describe('the packed n8n-credits and n8n-credits-cli packages', function () {
		this.timeout(600_000);
		let dir: string;
		const unpacked: Record<string, string> = {};

		/** Runs node in the temporary folder with the repository's dependencies, none of the test's TypeScript settings. */
		const node = (args: string[], env: Record<string, string> = {}) => {
			const base: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: join(REPO_ROOT, 'node_modules'), ...env };
			delete base.TSX_TSCONFIG_PATH;
			return spawnSync(process.execPath, args, { cwd: dir, env: base, encoding: 'utf8', timeout: 60_000 });
		};

		before(() => {
			buildLedger();
			dir = mkdtempSync(join(tmpdir(), 'n8n-credits-tarballs-'));
			const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--workspace', 'ledger', '--workspace', 'cli', '--pack-destination', dir], { cwd: REPO_ROOT, encoding: 'utf8' })) as Array<{ name: string; filename: string }>;
			for (const { name, filename } of packed) {
				mkdirSync(join(dir, name));
				execFileSync('tar', ['-xzf', join(dir, filename), '-C', join(dir, name)]);
				unpacked[name] = join(dir, name, 'package');
			}
		});
		after(() => rmSync(dir, { recursive: true, force: true }));

		it('loads the n8n hook from bin/n8n-hook.js, the file EXTERNAL_HOOK_FILES names', () => {
			const probe = 'const h = require(process.argv[1]); console.log(JSON.stringify([h.workflow.preExecute.length, h.workflow.postExecute.length]));';
			const child = node(['-e', probe, join(unpacked['n8n-credits']!, 'bin/n8n-hook.js')], { N8N_CREDITS_URL: 'http://127.0.0.1:9', N8N_CREDITS_API_KEY: 'n8c_test', N8N_CREDITS_SPOOL_DIR: join(dir, 'spool') });
			const lines = child.stdout.trim().split('\n');
			// One pre- and one post-execute hook; the "metering is OFF" fallback would export none. The hook's own start
			// line (the ledger at port 9 is unreachable) comes in any order with the probe's.
			assert.deepEqual([child.status, lines.some((l) => l.includes('metering is OFF')), lines.includes('[1,1]'), lines.some((l) => l.includes('the ledger at http://127.0.0.1:9 is unreachable'))], [0, false, true, true]);
		});

		it('runs the n8n-credits bin from dist/: the version, an estimate and a ledger command that opens SQLite', () => {
			const bin = join(unpacked['n8n-credits-cli']!, 'bin/n8n-credits.js');
			const version = node([bin, '--version']);
			const estimate = node([bin, 'estimate', join(REPO_ROOT, 'test/cli/fixtures/basic/paid-webhook.workflow.json'), '--format', 'json']);
			// A fresh data folder: the store opens (better-sqlite3, the migrations) and finds no workspace, as it should.
			const keys = node([bin, 'keys', 'list', '--data-dir', join(dir, 'data'), '--format', 'json']);
			assert.deepEqual(
				[version.stdout, estimate.status, (JSON.parse(estimate.stdout) as { version: number }).version, keys.status, keys.stderr],
				['0.1.0\n', 0, 2, 2, 'n8n-credits: no workspace yet: run `n8n-credits serve` once first\n'],
			);
		});
	});
});
