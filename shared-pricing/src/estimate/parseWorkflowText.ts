import { printParseErrorCode } from 'jsonc-parser';
import { parseWorkflowDocument } from '../document/parseWorkflowDocument';
import type { WorkflowDocument } from '../document/types';
import { MAX_JSON_DEPTH } from '../validation/tooDeeplyNested';
import type { WorkflowConnections } from '../execution/types';
import { messages } from '../errors';
import { readNodes } from './readNodes';
import type { Finding, SourceRange } from './types';

/** A node as read from workflow text, with where its object is. */
export interface ParsedNode {
  name: string;
  type: string;
  typeVersion: number;
  id?: string;
  parameters: Record<string, unknown>;
  disabled: boolean;
  executeOnce: boolean;
  notes?: string;
  onError?: string;
  range: SourceRange;
}

export interface ParsedWorkflow {
  /** False when the text holds no workflow at all (see findings). */
  ok: boolean;
  name?: string;
  id?: string;
  nodes: ParsedNode[];
  connections: WorkflowConnections;
  findings: Finding[];
  rangeOf: (offset: number, length: number) => SourceRange;
  /** The document these nodes were read from. */
  document: WorkflowDocument;
}

/**
 * The estimator's reading of a workflow document (or of text, parsed here): typed nodes with
 * their source ranges, the connections, and findings for what does not read as a workflow — a
 * syntax error with its line, a node without a name or type. Every node that parses is kept.
 */
export function parseWorkflowText(source: string | WorkflowDocument): ParsedWorkflow {
  const document = typeof source === 'string' ? parseWorkflowDocument(source) : source;
  const { lines } = document;
  const rangeOf = lines.rangeOf;
  const findings: Finding[] = [];
  const notWorkflow = (range: SourceRange, why: string): ParsedWorkflow => {
    findings.push({ ruleId: 'estimate/not-a-workflow', severity: 'error', range, message: why });
    return { ok: false, nodes: [], connections: {}, findings, rangeOf, document };
  };
  if (document.tooDeep) return notWorkflow(rangeOf(0, 0), messages.tooDeeplyNested('the workflow', MAX_JSON_DEPTH));
  const error = document.syntaxErrors[0];
  if (error) {
    const range = rangeOf(error.offset, error.length);
    findings.push({ ruleId: 'estimate/syntax', severity: 'error', range, message: messages.invalidJson('workflow', range.line ?? 1, range.column ?? 1, printParseErrorCode(error.error)) });
  }
  const root = document.root;
  if (!root?.isObject) return notWorkflow(rangeOf(root?.offset ?? 0, root?.length ?? 0), messages.notAWorkflow('the document is not a JSON object'));
  if (!document.hasNodes) return notWorkflow(rangeOf(root.offset, 1), messages.notAWorkflow('it has no "nodes" array'));
  const nodes = readNodes(document.rawNodes, document.nodes, rangeOf, findings);
  const raw = document.connections;
  const connections = isRecord(raw) ? (raw as WorkflowConnections) : {};
  if (raw !== undefined && !isRecord(raw)) findings.push({ ruleId: 'estimate/bad-connections', severity: 'error', range: rangeOf(document.connectionsAt[0], document.connectionsAt[1]), message: messages.badConnections() });
  const { name, id } = document;
  return { ok: true, name: typeof name === 'string' ? name : undefined, id: typeof id === 'string' || typeof id === 'number' ? String(id) : undefined, nodes, connections, findings, rangeOf, document };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
