import assert from 'node:assert/strict';
import { readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Command } from '../../cli/src/commander';
import { commandModules, NOT_COMMANDS } from '../../cli/src/commands';
import { buildProgram } from '../../cli/src/program';
import { BASIC, cli, REPO, tempDir } from './support';

const BIN = join(REPO, 'cli/bin/n8n-credits.js');

/** Runs the `n8n-credits` bin as a separate process from `cwd`, without the test process's tsx settings. */
function runBin(args: string[], cwd: string, nodeArgs: string[] = []) {
  const env = { ...process.env };
  delete env.TSX_TSCONFIG_PATH;
  return spawnSync(process.execPath, [...nodeArgs, BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 60000 });
}

/** Every .ts file under a folder, as paths relative to it. */
function tsFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(dir, join(prefix, e.name)) : e.name.endsWith('.ts') ? [join(prefix, e.name)] : []);
}

describe('n8n-credits commands', () => {
  it('does register one module per command file, each exporting register', () => {
    const files = readdirSync(join(REPO, 'cli/src/commands')).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).filter((f) => !NOT_COMMANDS.includes(f));
    assert.equal(commandModules.length, files.length);
    assert.ok(commandModules.every((m) => typeof m.register === 'function'));
  });

  it('does give every command that prints a result the one -f, --format flag, text (or stylish) or json first', () => {
    const leaves = (c: Command, path: string[]): Array<[string, Command]> =>
      c.commands.length === 0 ? [[path.join(' '), c]] : c.commands.flatMap((sub) => leaves(sub, [...path, sub.name()]));
    const formats = leaves(buildProgram({ stdout: () => {}, stderr: () => {}, cwd: REPO }, () => {}), []).map(([name, c]) => {
      const option = c.options.find((o) => o.long === '--format');
      return [name, option ? [option.short, ...(option.argChoices ?? []).slice(0, 2)].join(' ') : 'none'];
    });
    // `serve` prints a start banner and runs until stopped: a service, not a result to format.
    assert.deepEqual(Object.fromEntries(formats), {
      estimate: '-f text json', lint: '-f stylish json', serve: 'none', 'keys create': '-f text json', 'keys list': '-f text json', 'keys revoke': '-f text json',
      'plan set': '-f text json', 'plan show': '-f json text', topup: '-f text json', report: '-f text json', sync: '-f text json',
      'spool list': '-f text json', 'spool replay': '-f text json', 'spool drop': '-f text json', 'spool stats': '-f text json', export: '-f text json',
    });
  });

  it('does list estimate and lint in the help', async () => {
    const result = await cli(['--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /\n  estimate \[options\] <files\.\.\.>/);
    assert.match(result.stdout, /\n  lint \[options\] <files\.\.\.>/);
  });

  it('does print the version and exit 0', async () => {
    assert.deepEqual(await cli(['--version']), { code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it('does exit 2 for an unknown command', async () => {
    const result = await cli(['frobnicate']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown command 'frobnicate'/);
  });

  it('does run from its package bin in any folder, with its own TypeScript settings, and set the exit code', function () {
    this.timeout(30000);
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(join(dir, 'tsconfig.json'), '{"compilerOptions": {"target": "es5"}}');
      const child = runBin(['lint', join(REPO, BASIC, 'paid-webhook.workflow.json'), '--max-warnings', '0', '--format', 'json'], dir);
      assert.equal(child.stderr, '');
      assert.equal(child.status, 1);
      assert.equal((JSON.parse(child.stdout) as Array<{ warningCount: number }>)[0]?.warningCount, 1);
    } finally {
      cleanup();
    }
  });

  it('does link the package bin as `n8n-credits` at the root of the workspace', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'cli/package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.deepEqual(pkg.bin, { 'n8n-credits': 'bin/n8n-credits.js' });
    assert.equal(realpathSync(join(REPO, 'node_modules/.bin/n8n-credits')), realpathSync(BIN));
  });

  it('does not load the ledger, fastify or a database driver for lint, estimate or --help, and does for a ledger command', function () {
    this.timeout(60000);
    const { dir, cleanup } = tempDir();
    try {
      const probe = join(dir, 'probe.cjs');
      writeFileSync(probe, `process.on('exit', () => { const loaded = Object.keys(require.cache).filter((f) => /[\\/](fastify|better-sqlite3|pg|prom-client)[\\/]|[\\/]ledger[\\/]src[\\/]/.test(f)); process.stderr.write('LOADED ' + loaded.length + '\\n'); });\n`);
      const workflow = join(REPO, BASIC, 'paid-webhook.workflow.json');
      const loaded = (args: string[]) => {
        const child = runBin(args, dir, ['-r', probe]);
        return Number(/LOADED (\d+)/.exec(child.stderr)?.[1]);
      };
      assert.deepEqual([loaded(['lint', workflow]), loaded(['estimate', workflow]), loaded(['--help'])], [0, 0, 0]);
      assert.ok(loaded(['keys', 'list', '--data-dir', join(dir, 'data')]) > 0);
    } finally {
      cleanup();
    }
  });

  it('does import the ledger only through its public API, loaded on first use', () => {
    const cliSrc = join(REPO, 'cli/src');
    const offenders = tsFiles(cliSrc).filter((file) => {
      const text = readFileSync(join(cliSrc, file), 'utf8');
      const ledgerImports = [...text.matchAll(/(?:from|require\()\s*'([^']*ledger\/src[^']*)'/g)].map((m) => m[1]!);
      return file === 'ledger.ts' ? ledgerImports.some((i) => i !== '../../ledger/src') : ledgerImports.length > 0;
    });
    assert.deepEqual(offenders, []);
    assert.match(readFileSync(join(cliSrc, 'ledger.ts'), 'utf8'), /^import type \* as LedgerApi from '\.\.\/\.\.\/ledger\/src';$/m);
  });

  it('does set the process exit code when run as a program', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'cli/src/main.ts', 'lint', `${BASIC}/paid-webhook.workflow.json`, '--max-warnings', '0', '--format', 'json'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(child.status, 1);
    assert.equal((JSON.parse(child.stdout) as Array<{ warningCount: number }>)[0]?.warningCount, 1);
  });
});
