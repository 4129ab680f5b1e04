import { parse } from 'jsonc-parser';
import type { RawNode } from '../types';

/**
 * The workflow's nodes as written, by name, for rules that read parameters the estimate does
 * not carry (batching options, an agent's iteration cap, a guard's operation). Tolerant:
 * broken JSON or odd entries give fewer nodes, never an exception.
 */
export function readRawNodes(text: string): Map<string, RawNode> {
  const nodes = new Map<string, RawNode>();
  const doc = parseTolerant(text);
  const list = isRecord(doc) && Array.isArray(doc.nodes) ? doc.nodes : [];
  for (const entry of list) {
    if (!isRecord(entry) || typeof entry.name !== 'string' || typeof entry.type !== 'string') continue;
    nodes.set(entry.name, {
      name: entry.name,
      type: entry.type,
      disabled: entry.disabled === true,
      parameters: isRecord(entry.parameters) ? entry.parameters : {},
    });
  }
  return nodes;
}

/** Exact JSON through the native parser (far faster); broken or commented JSON through jsonc-parser. */
function parseTolerant(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return parse(text, [], { allowTrailingComma: true, disallowComments: false }) as unknown;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
