import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASIC, cli, tempDir } from './support';

interface Finding {
  ruleId: string;
  level?: string;
  message: { id?: string; arguments?: string[] };
}

/**
 * Runs the SARIF SDK's validator (npm `@microsoft/sarif-multitool`, Microsoft's own tool) on a log with the SARIF
 * rules and GitHub code scanning's (`GH…`), and returns what it found. It exits 0 either way: its findings are in
 * the SARIF log it writes.
 */
function multitool(log: unknown): Finding[] {
  const { dir, cleanup } = tempDir();
  try {
    writeFileSync(join(dir, 'in.sarif'), JSON.stringify(log));
    // The package's bin runs the binary through a shell, which would split "Gh;Sarif": run the binary itself.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package has no types; it exports the binary's path for this platform
    const binary = require('@microsoft/sarif-multitool') as string;
    const run = spawnSync(binary, ['validate', join(dir, 'in.sarif'), '--rule-kind', 'Gh;Sarif', '--output', join(dir, 'out.sarif'), '--log', 'ForceOverwrite'], {
      encoding: 'utf8', timeout: 60_000, env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    return (JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as { runs: Array<{ results: Finding[] }> }).runs[0]!.results;
  } finally {
    cleanup();
  }
}

describe('n8n-credits lint --format sarif, checked by the SARIF SDK validator', function () {
  this.timeout(120_000);
  let log: { runs: Array<{ tool: { driver: { rules: Array<Record<string, unknown>> } } }> };
  before(async () => {
    log = JSON.parse((await cli(['lint', BASIC, 'test/cli/fixtures/corpus', '--format', 'sarif', '--budget-execution', '1'])).stdout) as typeof log;
  });

  it('does pass GitHub\'s rules and the SARIF rules with no finding at all', () => {
    assert.deepEqual(multitool(log), []);
  });

  it('does fail GitHub\'s GH2012 for each rule without its help and full description, as the rules had before', () => {
    const stripped = structuredClone(log);
    const rules = stripped.runs[0]!.tool.driver.rules;
    for (const rule of rules) {
      delete rule.help;
      delete rule.fullDescription;
    }
    const gh2012 = multitool(stripped).filter((f) => f.ruleId === 'GH2012' && f.level === 'error').map((f) => `${f.message.arguments?.[0]} ${f.message.id}`);
    const expected = rules.flatMap((_, i) => [`runs[0].tool.driver.rules[${i}] Error_MissingFullDescription`, `runs[0].tool.driver.rules[${i}] Error_MissingHelp`]);
    assert.deepEqual(gh2012.sort(), expected.sort());
  });
});
