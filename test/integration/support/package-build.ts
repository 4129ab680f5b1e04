import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

let built: string | undefined;

/**
 * Builds the community package once per process with `npm run build:nodes` (`n8n-node build`: `tsc` with
 * the root tsconfig.json, then the icons) and returns its directory, whose `package.json` lists the built
 * nodes. `N8N_CREDITS_PACKAGE_DIR` points at a package built elsewhere instead.
 */
export function buildCreditsPackage(): string {
	if (built) return built;
	const dir = process.env.N8N_CREDITS_PACKAGE_DIR ?? REPO_ROOT;
	if (!process.env.N8N_CREDITS_PACKAGE_DIR) {
		const result = spawnSync('npm', ['run', '--silent', 'build:nodes'], { cwd: dir, encoding: 'utf8', timeout: 600_000 });
		if (result.status !== 0) throw new Error(`npm run build:nodes failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
	}
	const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
	for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		if (!existsSync(join(dir, file))) throw new Error(`the build did not produce ${file}`);
	}
	built = dir;
	return dir;
}
