import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildSarif } from '../../../shared-pricing/src/lint/buildSarif';
import { rules } from '../../../shared-pricing/src/lint/rules';
import type { LintFinding } from '../../../shared-pricing/src/lint/types';

const schema = JSON.parse(readFileSync(join(__dirname, '../../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;
const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const finding = (extra: Partial<LintFinding>): LintFinding => ({
  ruleId: 'ai-in-loop',
  messageId: 'inLoop',
  severity: 'warning',
  message: 'AI step "Agent" runs inside loop "Loop"',
  range: { offset: 120, length: 40, line: 7, column: 5 },
  node: 'Agent',
  fingerprint: 'abc',
  ...extra,
});

function sarif(findings: LintFinding[], uri = 'workflows/a.json') {
  return buildSarif({
    tool: { name: 'n8n-credits', version: '0.1.0', informationUri: 'https://github.com/n8n-credits/n8n-credits' },
    docsBaseUri: 'https://github.com/n8n-credits/n8n-credits/blob/main/',
    rules: rules.map((r) => r.meta),
    files: [{ uri, findings }],
  }) as { version: string; $schema: string; runs: Array<{ tool: { driver: { rules: Array<Record<string, unknown>> } }; results: Array<Record<string, any>> }> };
}

describe('buildSarif', () => {
  it('does produce a log that validates against the SARIF 2.1.0 schema', () => {
    const log = sarif([finding({}), finding({ ruleId: 'budget-per-month', severity: 'error', node: undefined, fingerprint: 'def', range: { offset: 0, length: 0, line: 1 } })]);
    const valid = validate(log);
    assert.deepEqual(validate.errors ?? [], []);
    assert.equal(valid, true);
  });

  it('does validate with no results too', () => {
    assert.equal(validate(sarif([])), true);
  });

  it('does write version, schema and every rule with name, descriptions, help, help URI and default level', () => {
    const log = sarif([]);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
    const rule = log.runs[0]?.tool.driver.rules.find((r) => r.id === 'budget-per-month');
    const page = 'https://github.com/n8n-credits/n8n-credits/blob/main/docs/rules/budget-per-month.md';
    const full = 'Projected monthly cost over the budget. A cheap workflow that runs every minute costs more than an expensive one that runs weekly: a schedule change alone can multiply the bill.';
    const fix = 'Run less often, make each run cheaper, or set a realistic runsPerMonth assumption for event triggers so the projection reflects real traffic.';
    // SARIF 2.1.0 §3.49 reportingDescriptor: name, shortDescription, fullDescription, help (text, markdown), helpUri.
    assert.deepEqual(rule, {
      id: 'budget-per-month',
      name: 'BudgetPerMonth',
      shortDescription: { text: 'Projected monthly cost over the budget.' },
      fullDescription: { text: full },
      help: { text: `${full}\n\nHow to fix: ${fix}\n\nMore: ${page}`, markdown: `${full}\n\n**How to fix:** ${fix}\n\n[budget-per-month documentation](${page})` },
      helpUri: page,
      defaultConfiguration: { level: 'error' },
    });
  });

  it('does name %SRCROOT% as the base of every path and map it to the root given', () => {
    const log = buildSarif({ tool: { name: 't', version: '1', informationUri: 'https://example.com' }, docsBaseUri: 'https://example.com/', rules: [], files: [], rootUri: 'file:///work/repo/' }) as { runs: Array<{ originalUriBaseIds: unknown }> };
    assert.deepEqual(log.runs[0]?.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/repo/' } });
    assert.equal(validate(log), true);
  });

  it('does add a finding\'s detail to the result message', () => {
    const result = sarif([finding({ detail: 'aggregate the items first' })]).runs[0]?.results[0];
    assert.equal(result?.message.text, 'AI step "Agent" runs inside loop "Loop". aggregate the items first');
  });

  it('does locate a result by repo-relative URI and 1-based line and column', () => {
    const result = sarif([finding({})]).runs[0]?.results[0];
    assert.deepEqual(result?.locations, [{ physicalLocation: { artifactLocation: { uri: 'workflows/a.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 7, startColumn: 5 } } }]);
    assert.deepEqual([result?.ruleId, result?.level, result?.message.text], ['ai-in-loop', 'warning', 'AI step "Agent" runs inside loop "Loop"']);
  });

  it('does percent-encode spaces and other characters of the path in the URI', () => {
    const result = sarif([finding({})], 'flows/My flow #2 (v2) é.json').runs[0]?.results[0];
    assert.equal(result?.locations[0].physicalLocation.artifactLocation.uri, 'flows/My%20flow%20%232%20(v2)%20%C3%A9.json');
    assert.equal(validate(sarif([finding({})], 'flows/My flow #2 (v2) é.json')), true);
  });

  it('does give fingerprints that ignore the line but depend on the file', () => {
    const a = sarif([finding({})]).runs[0]?.results[0]?.partialFingerprints;
    const moved = sarif([finding({ range: { offset: 900, length: 4, line: 70, column: 1 } })]).runs[0]?.results[0]?.partialFingerprints;
    const otherFile = sarif([finding({})], 'workflows/b.json').runs[0]?.results[0]?.partialFingerprints;
    assert.deepEqual(moved, a);
    assert.notDeepEqual(otherFile, a);
  });
});
