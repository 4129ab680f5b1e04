import { pathToFileURL } from 'node:url';
import { buildSarif, lintRules, SARIF_SRCROOT } from '../pricing';
import type { FileLintResult } from '../lint/lintFiles';
import { changeJson } from './changeJson';
import { jsonDocument } from './jsonDocument';
import { CLI_VERSION_INFO } from './toolInfo';

/**
 * The `--format sarif` document (SARIF 2.1.0): paths relative to `root` under the base id `%SRCROOT%`, which
 * `originalUriBaseIds` maps to `root`; baseline changes in the run's properties (amounts in millicredits).
 */
export function formatLintSarif(results: readonly FileLintResult[], root: string): string {
  const rootUri = pathToFileURL(root).href.replace(/\/?$/, '/');
  const log = buildSarif({
    tool: CLI_VERSION_INFO,
    docsBaseUri: DOCS_BASE_URI,
    rules: lintRules.map((r) => r.meta),
    files: results.map((r) => ({ uri: r.uri, findings: r.findings })),
    rootUri,
  });
  const changes = results.flatMap((r) => (r.change ? [{ file: r.uri, ...changeJson(r.change) }] : []));
  const failed = results.filter((r) => r.error !== undefined).map((r) => ({ file: r.uri, reason: r.error }));
  const run = (log.runs as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
  run.invocations = [{ executionSuccessful: failed.length === 0, ...(failed.length ? { toolExecutionNotifications: failed.map(notification) } : {}) }];
  if (changes.length) run.properties = { costChanges: changes };
  return jsonDocument(log);
}

/** Where rule pages are published: a rule's `docs/rules/<id>.md` is appended. */
export const DOCS_BASE_URI = 'https://github.com/n8n-credits/n8n-credits/blob/main/';

function notification(f: { file: string; reason: string | undefined }) {
  return { level: 'error', message: { text: f.reason ?? 'failed' }, locations: [{ physicalLocation: { artifactLocation: { uri: f.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SARIF_SRCROOT } } }] };
}
