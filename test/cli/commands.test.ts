import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { commandModules, NOT_COMMANDS } from '../../cli/src/commands';
import { BASIC, cli, REPO } from './support';

describe('n8n-credits commands', () => {
  it('does register one module per command file, each exporting register', () => {
    const files = readdirSync(join(REPO, 'cli/src/commands')).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).filter((f) => !NOT_COMMANDS.includes(f));
    assert.equal(commandModules.length, files.length);
    assert.ok(commandModules.every((m) => typeof m.register === 'function'));
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

  it('does set the process exit code when run as a program', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'cli/src/main.ts', 'lint', `${BASIC}/paid-webhook.workflow.json`, '--max-warnings', '0', '--format', 'json'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(child.status, 1);
    assert.equal((JSON.parse(child.stdout) as { summary: { warnings: number } }).summary.warnings, 1);
  });
});
