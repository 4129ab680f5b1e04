import { stableHash } from './helpers/stableHash';
import type { LintFinding, RuleMeta, RuleSeverity } from './types';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export interface SarifInput {
  tool: { name: string; version: string; informationUri: string };
  /** Prefix that turns a rule's repo-relative `docs` path into an absolute help URL. */
  docsBaseUri: string;
  rules: readonly RuleMeta[];
  /** One entry per file linted; `uri` a path relative to the repository root, forward slashes (encoded here). */
  files: ReadonlyArray<{ uri: string; findings: readonly LintFinding[] }>;
}

/**
 * A SARIF 2.1.0 log with one run, ready for code-scanning upload: every rule in `tool.driver`,
 * results with 1-based lines and `partialFingerprints` that depend on the file, rule, node and
 * message id — not on line numbers, so a finding keeps its identity when lines move.
 */
export function buildSarif(input: SarifInput): Record<string, unknown> {
  const ruleIndex = new Map(input.rules.map((r, i) => [r.id, i]));
  const results = input.files.flatMap((file) =>
    file.findings.map((f) => {
      const region: Record<string, number> = { startLine: Math.max(1, f.range.line ?? 1) };
      if (f.range.column !== undefined && f.range.column >= 1) region.startColumn = f.range.column;
      const result: Record<string, unknown> = {
        ruleId: f.ruleId,
        level: f.severity,
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: toUriReference(file.uri) }, region } }],
        partialFingerprints: { 'n8nCreditsFinding/v1': stableHash(`${file.uri}\u0000${f.fingerprint}`) },
      };
      const index = ruleIndex.get(f.ruleId);
      if (index !== undefined) result.ruleIndex = index;
      if (f.node !== undefined) result.properties = { node: f.node };
      return result;
    }),
  );
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { ...input.tool, rules: input.rules.map((r) => sarifRule(r, input.docsBaseUri)) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** A relative path as a URI reference: each segment percent-encoded (spaces, `#`, `%`, non-ASCII). */
function toUriReference(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function sarifRule(meta: RuleMeta, docsBaseUri: string): Record<string, unknown> {
  return {
    id: meta.id,
    shortDescription: { text: meta.description },
    helpUri: docsBaseUri + meta.docs,
    defaultConfiguration: sarifConfiguration(meta.defaultSeverity),
  };
}

function sarifConfiguration(severity: RuleSeverity): Record<string, unknown> {
  return severity === 'off' ? { enabled: false, level: 'warning' } : { level: severity };
}
