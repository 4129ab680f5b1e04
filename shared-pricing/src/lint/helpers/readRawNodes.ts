import { parse } from 'jsonc-parser';
import { tooDeeplyNested } from '../../validation/tooDeeplyNested';
import type { RawNode } from '../types';
import { rawNodeMap } from './rawNodeMap';

/**
 * The workflow's nodes as written, by name, for rules that read parameters the estimate does
 * not carry (batching options, an agent's iteration cap, a guard's operation). Tolerant:
 * broken JSON or odd entries give fewer nodes, never an exception.
 */
export function readRawNodes(text: string): Map<string, RawNode> {
  const doc = parseTolerant(text);
  return rawNodeMap(isRecord(doc) && Array.isArray(doc.nodes) ? doc.nodes : []);
}

/** Exact JSON through the native parser (far faster); broken or commented JSON through jsonc-parser. */
function parseTolerant(text: string): unknown {
  // Past the depth limit nothing is read: rules stringify parameters, which recurses.
  if (tooDeeplyNested(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return parse(text, [], { allowTrailingComma: true, disallowComments: false }) as unknown;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
