import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildCreditsPackage } from './support/package-build';

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

describe('integration', () => {
	describe('the built community package n8n-nodes-credits', function () {
		this.timeout(300_000);
		let dir: string;
		let js: string[];

		before(() => {
			dir = buildCreditsPackage();
			js = filesUnder(join(dir, 'dist')).filter((f) => f.endsWith('.js'));
		});

		it('requires nothing at run time but relative files, n8n-workflow and node:crypto (Node\'s own)', () => {
			const required = new Set<string>();
			for (const file of js) {
				for (const match of readFileSync(file, 'utf8').matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) required.add(match[1]);
			}
			// node:crypto signs a parked Guard's resume URL; it ships with Node, so it is no dependency to install.
			assert.deepEqual([...required].filter((name) => !name.startsWith('./') && !name.startsWith('../')).sort(), ['n8n-workflow', 'node:crypto']);
		});

		it('compiles in the shared-pricing files it uses, and no text parser', () => {
			const shared = js.filter((f) => f.includes(join('dist', 'shared-pricing'))).map((f) => relative(join(dir, 'dist'), f)).sort();
			// The nodes take the money module, the ledger's exhaustion decision (`admits`), the one token reader, and the
			// zoned day helpers the trigger counts today with (`dayAt`, `daysBefore` and what they stand on) from shared-pricing.
			assert.deepEqual(shared, [
				'shared-pricing/src/accounting/admits.js', 'shared-pricing/src/accounting/dayAt.js', 'shared-pricing/src/accounting/daysBefore.js', 'shared-pricing/src/accounting/types.js',
				'shared-pricing/src/accounting/zonedDateParts.js', 'shared-pricing/src/accounting/zonedTimeToUtc.js', 'shared-pricing/src/errors.js', 'shared-pricing/src/execution/readTokenUsage.js', 'shared-pricing/src/execution/types.js', 'shared-pricing/src/money/formatCredits.js', 'shared-pricing/src/money/parseCredits.js',
				'shared-pricing/src/money/perCredit.js', 'shared-pricing/src/money/round.js', 'shared-pricing/src/plans/types.js', 'shared-pricing/src/validation/types.js',
			]);
		});

		it('declares no runtime dependencies, only n8n-workflow as a peer', () => {
			const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
			assert.deepEqual([manifest.dependencies, manifest.peerDependencies], [undefined, { 'n8n-workflow': '*' }]);
		});

		it('ships every node and credential the manifest lists, with light and dark icons', () => {
			const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
			assert.deepEqual(manifest.n8n.nodes, ['dist/nodes/Credits/Credits.node.js', 'dist/nodes/CreditsTrigger/CreditsTrigger.node.js', 'dist/nodes/MeteredSubworkflow/MeteredSubworkflow.node.js']);
			assert.deepEqual(manifest.n8n.credentials, ['dist/credentials/CreditsApi.credentials.js']);
			for (const icon of ['Credits/credits', 'CreditsTrigger/creditsTrigger', 'MeteredSubworkflow/meteredSubworkflow']) {
				assert.deepEqual([existsSync(join(dir, 'dist', 'nodes', `${icon}.svg`)), existsSync(join(dir, 'dist', 'nodes', `${icon}.dark.svg`))], [true, true], icon);
			}
		});
	});
});
