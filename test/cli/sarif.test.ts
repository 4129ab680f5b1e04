import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { BASIC, cli, REPO } from './support';

const schema = JSON.parse(readFileSync(join(REPO, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;
const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
addFormats(ajv);
const validate = ajv.compile(schema);

interface Sarif {
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string }> } };
    results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>; partialFingerprints: Record<string, string> }>;
  }>;
}

describe('n8n-credits lint --format sarif', () => {
  it('does write SARIF that validates against the official 2.1.0 schema, for workflows and non-workflows', async () => {
    const result = await cli(['lint', BASIC, 'test/cli/fixtures/corpus', '--format', 'sarif', '--budget-execution', '1']);
    const log = JSON.parse(result.stdout) as unknown;
    validate(log);
    assert.deepEqual(validate.errors ?? [], []);
    assert.equal(result.code, 1);
  });

  it('does locate results by a path relative to %SRCROOT% with forward slashes and 1-based line', async () => {
    const log = JSON.parse((await cli(['lint', `${BASIC}/paid-webhook.workflow.json`, '--format', 'sarif'])).stdout) as Sarif;
    const [result] = log.runs[0]?.results ?? [];
    assert.deepEqual(result?.locations[0]?.physicalLocation, { artifactLocation: { uri: 'test/cli/fixtures/basic/paid-webhook.workflow.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 5 } });
    assert.deepEqual([result?.ruleId, result?.level], ['unguarded-paid-webhook', 'warning']);
  });

  it('does give the same fingerprints on a second run, also from another folder', async () => {
    const fingerprints = (s: string) => (JSON.parse(s) as Sarif).runs[0]?.results.map((r) => r.partialFingerprints);
    const first = fingerprints((await cli(['lint', BASIC, '--format', 'sarif'])).stdout);
    const second = fingerprints((await cli(['lint', 'basic', '--format', 'sarif'], join(REPO, 'test/cli/fixtures'))).stdout);
    assert.equal(first?.length, 4);
    assert.deepEqual(second, first);
  });

  it('does give every rule what GitHub code scanning requires: id, name, short and full description, help text and Markdown, help URI', async () => {
    interface Rule {
      id: string;
      name: string;
      shortDescription: { text: string };
      fullDescription: { text: string };
      help: { text: string; markdown: string };
      helpUri: string;
      defaultConfiguration: unknown;
    }
    const log = JSON.parse((await cli(['lint', `${BASIC}/hourly.workflow.json`, '--format', 'sarif'])).stdout) as { runs: Array<{ tool: { driver: { rules: Rule[] } } }> };
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    for (const rule of rules) {
      const page = `https://github.com/n8n-credits/n8n-credits/blob/main/docs/rules/${rule.id}.md`;
      assert.match(rule.name, /^[A-Z][A-Za-z]+$/, `${rule.id}: name is one PascalCase word`);
      assert.ok(rule.fullDescription.text.startsWith(rule.shortDescription.text + ' ') && rule.fullDescription.text.length > rule.shortDescription.text.length + 20, rule.id);
      assert.ok(rule.fullDescription.text.length <= 1024, `${rule.id}: GitHub shows the first 1024 characters`);
      assert.ok(/\n\nHow to fix: .+\n\nMore: /.test(rule.help.text) && rule.help.text.endsWith(`More: ${page}`), rule.id);
      assert.ok(rule.help.markdown.endsWith(`[${rule.id} documentation](${page})`), rule.id);
      assert.equal(rule.helpUri, page);
    }
    // By hand from unbounded-item-count's meta.
    assert.deepEqual(rules.find((r) => r.id === 'unbounded-item-count')?.name, 'UnboundedItemCount');
    assert.deepEqual(rules.find((r) => r.id === 'unbounded-item-count')?.defaultConfiguration, { enabled: false, level: 'warning' });
  });

  it('does map %SRCROOT% to the repository root in originalUriBaseIds', async () => {
    const log = JSON.parse((await cli(['lint', `../${BASIC}/hourly.workflow.json`, '--format', 'sarif'], join(REPO, 'test'))).stdout) as { runs: Array<{ originalUriBaseIds: unknown }> };
    assert.deepEqual(log.runs[0]?.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${REPO}/` } });
  });

  it('does list every registered rule in tool.driver', async () => {
    const log = JSON.parse((await cli(['lint', `${BASIC}/hourly.workflow.json`, '--format', 'sarif'])).stdout) as Sarif;
    assert.equal(log.runs[0]?.tool.driver.name, 'n8n-credits');
    assert.equal(log.runs[0]?.tool.driver.rules.length, 15); // the 15 files of shared-pricing/src/lint/rules
  });
});
