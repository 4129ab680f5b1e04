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
  /**
   * The repository root as an absolute `file:` URI ending in `/`: `%SRCROOT%` in `originalUriBaseIds`, which every
   * result's path is relative to. Left out, the base id is still named, for a consumer that knows the root (GitHub).
   */
  rootUri?: string;
}

/** The base id result paths are relative to: the source root, as GitHub code scanning and the SARIF spec name it. */
export const SARIF_SRCROOT = '%SRCROOT%';

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
        // The longer detail too: code scanning shows one alert at a time, where the how-to is wanted.
        message: { text: f.detail === undefined ? f.message : `${f.message}. ${f.detail}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: toUriReference(file.uri), uriBaseId: SARIF_SRCROOT }, region } }],
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
        originalUriBaseIds: { [SARIF_SRCROOT]: input.rootUri === undefined ? { description: { text: 'The repository root.' } } : { uri: input.rootUri } },
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

/**
 * A rule as code scanning wants it (its validator's GH2012 asks for `fullDescription` and `help`): a PascalCase
 * `name`, the one-line description, the description with why it matters, and help text and Markdown that say what
 * to do and link the rule's page.
 */
function sarifRule(meta: RuleMeta, docsBaseUri: string): Record<string, unknown> {
  const helpUri = docsBaseUri + meta.docs;
  const full = `${meta.description} ${meta.rationale}`;
  return {
    id: meta.id,
    name: meta.id.replace(/(^|-)([a-z])/g, (_, _dash: string, ch: string) => ch.toUpperCase()),
    shortDescription: { text: meta.description },
    fullDescription: { text: full },
    help: {
      text: `${full}\n\nHow to fix: ${meta.fix}\n\nMore: ${helpUri}`,
      markdown: `${full}\n\n**How to fix:** ${meta.fix}\n\n[${meta.id} documentation](${helpUri})`,
    },
    helpUri,
    defaultConfiguration: sarifConfiguration(meta.defaultSeverity),
  };
}

function sarifConfiguration(severity: RuleSeverity): Record<string, unknown> {
  return severity === 'off' ? { enabled: false, level: 'warning' } : { level: severity };
}
