import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Repository root (this file is test/support/n8n-engine/nodes-base-package.ts). */
const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** Gitignored cache; it sits inside the repository so the unpacked package resolves its
 * dependencies (n8n-workflow, lodash, luxon, @n8n/*) from the root node_modules. */
export const DEFAULT_NODES_BASE_CACHE = join(REPO_ROOT, 'test', 'e2e', '.cache', 'n8n-nodes-base');

/**
 * Runtime dependencies of the core nodes tests use (Set, IF, Filter, Code, Loop Over Items,
 * Wait, Webhook, Execute Workflow, Schedule Trigger…) that the root node_modules lacks.
 * n8n-nodes-base declares ~90 dependencies (databases, AWS, jsdom, isolated-vm); only these
 * are installed, at the versions it pins. A node needing another one fails with
 * "Cannot find module 'x'": add x here and delete the cache folder.
 */
export const CORE_NODE_DEPENDENCIES = ['moment-timezone', 'isbot', 'sanitize-html', 'basic-auth', 'tmp-promise', 'generate-schema'];

/**
 * Returns the directory of an unpacked `n8n-nodes-base` matching the installed `n8n-core`.
 * When missing, it fetches the tarball with `npm pack`, installs only
 * `CORE_NODE_DEPENDENCIES` beside it (`npm install --prefix` into the gitignored cache), and
 * unpacks it there; about 30 s once. `N8N_NODES_BASE_DIR` overrides it with your own directory.
 */
export function ensureNodesBasePackage(cacheDir: string = DEFAULT_NODES_BASE_CACHE): string {
  const override = process.env.N8N_NODES_BASE_DIR;
  if (override !== undefined && override !== '') return requirePackageDir(override);
  const version = installedCoreVersion();
  const home = join(cacheDir, version);
  const target = join(home, 'node_modules', 'n8n-nodes-base');
  if (existsSync(join(target, 'package.json'))) return target;

  // Build in a scratch folder and rename it into place last, so an interrupted fetch never
  // leaves a half-made cache that later runs would trust.
  const scratch = join(cacheDir, `.tmp-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  try {
    npm(['pack', `n8n-nodes-base@${version}`, '--pack-destination', scratch, '--silent']);
    const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
    if (tarball === undefined) throw new Error(`npm pack n8n-nodes-base@${version} wrote no tarball in ${scratch}`);
    execFileSync('tar', ['-xzf', join(scratch, tarball), '-C', scratch]);
    const pinned = (JSON.parse(readFileSync(join(scratch, 'package', 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
    // npm install first: it would prune a package it did not install itself.
    writeFileSync(join(scratch, 'package.json'), '{ "name": "n8n-engine-cache", "private": true }\n');
    npm(['install', '--prefix', scratch, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error',
      ...CORE_NODE_DEPENDENCIES.map((name) => `${name}@${pinned[name] ?? 'latest'}`)]);
    renameSync(join(scratch, 'package'), join(scratch, 'node_modules', 'n8n-nodes-base'));
    rmSync(join(scratch, tarball));
    // Another process may have finished the same fetch meanwhile: keep its copy, it may be in use.
    if (!existsSync(join(target, 'package.json'))) {
      rmSync(home, { recursive: true, force: true });
      renameSync(scratch, home);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return requirePackageDir(target);
}

function npm(args: string[]): void {
  execFileSync('npm', args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** n8n-nodes-base is released in lockstep with n8n-core, so the versions match. */
function installedCoreVersion(): string {
  const pkg = JSON.parse(readFileSync(require.resolve('n8n-core/package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function requirePackageDir(dir: string): string {
  if (!existsSync(join(dir, 'package.json'))) {
    throw new Error(`n8n-nodes-base not found: ${dir} has no package.json`);
  }
  return dir;
}
