import { MAX_JSON_DEPTH } from '../validation/tooDeeplyNested';
import type { NodeLocation } from './types';

/** What one pass over strict JSON finds: the first `nodes` and `connections` of the root, and every node's location. */
export interface NodeScan {
  /** Offset of the first `nodes` value, -1 when there is none. */
  nodesAt: number;
  /** Offsets of the first `connections` key and of its value, -1 when there is none. */
  connectionsKeyAt: number;
  connectionsAt: number;
  /** Every element of the `nodes` array when that value is an array. */
  nodes: NodeLocation[];
}

/**
 * The node locations of text that `JSON.parse` accepted, by one pass over strings and brackets
 * instead of a jsonc-parser tree (several times cheaper, on every keystroke and every file).
 * Gives what the tree gives: the first `name` / `type` key of a node wins, as in the tree.
 * Undefined when the shape is not the plain one (a root that is not an object, `"nodes"` twice,
 * nesting past MAX_JSON_DEPTH): the caller then reads the tree, or refuses the text.
 * Only for valid JSON: it checks no syntax.
 */
export function scanNodeLocations(text: string): NodeScan | undefined {
  const n = text.length;
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== 123 /* { */) return undefined;
  const scan: NodeScan = { nodesAt: -1, connectionsKeyAt: -1, connectionsAt: -1, nodes: [] };
  let depth = 0;
  let inNodes = false;
  let index = -1;
  let start = -1;
  let current: NodeLocation | undefined;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 44 /* , */ || c === 58 /* : */) continue;
    // A value starts here at the nodes array's level: its next element.
    const element = inNodes && depth === 2 && c !== 93 && c !== 125;
    if (element) index++;
    if (c === 34 /* " */) {
      const end = stringEnd(text, i);
      // Only keys of the root and of a node object matter: every other string is skipped whole.
      const colon = (depth === 1 || (depth === 3 && current)) && mayBeKey(text, i, end, depth) ? skipSpace(text, end + 1) : -1;
      if (colon >= 0 && text.charCodeAt(colon) === 58) {
        const key = stringValue(text, i, end + 1);
        const value = skipSpace(text, colon + 1);
        if (depth === 1) {
          if (key === 'nodes') {
            if (scan.nodesAt >= 0) return undefined;
            scan.nodesAt = value;
          } else if (key === 'connections' && scan.connectionsAt < 0) {
            scan.connectionsKeyAt = i;
            scan.connectionsAt = value;
          }
        } else if (current && key === 'name' && !current.nameRange) {
          const valueEnd = valueEndAt(text, value);
          current.nameRange = { offset: value, length: valueEnd - value };
          if (text.charCodeAt(value) === 34) current.name = stringValue(text, value, valueEnd);
        } else if (current && key === 'type' && current.typeValueEnd === undefined) {
          current.typeValueEnd = valueEndAt(text, value);
        }
        i = colon;
      } else {
        if (element) scan.nodes.push({ index, offset: i, length: end + 1 - i });
        i = end;
      }
    } else if (c === 123 || c === 91 /* [ */) {
      if (element) {
        start = i;
        if (c === 123) current = { index, name: undefined, offset: i, length: 0, typeValueEnd: undefined, nameRange: undefined };
      }
      if (depth === 1 && i === scan.nodesAt && c === 91) inNodes = true;
      // Past the depth limit the caller refuses the text rather than recurse into it.
      if (++depth > MAX_JSON_DEPTH) return undefined;
    } else if (c === 125 || c === 93 /* } ] */) {
      depth--;
      if (inNodes && depth === 2) {
        if (current) {
          current.length = i + 1 - current.offset;
          scan.nodes.push(current);
          current = undefined;
        } else scan.nodes.push({ index, offset: start, length: i + 1 - start });
      } else if (inNodes && depth === 1) inNodes = false;
    } else {
      // A number, true, false or null.
      const end = valueEndAt(text, i);
      if (element) scan.nodes.push({ index, offset: i, length: end - i });
      i = end - 1;
    }
  }
  if (text.charCodeAt(scan.nodesAt) !== 91) scan.nodes = [];
  return scan;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && text.charCodeAt(i) <= 32) i++;
  return i;
}

/** Offset of the closing quote of the string opening at `start` (indexOf: strings are most of the text). */
function stringEnd(text: string, start: number): number {
  let j = text.indexOf('"', start + 1);
  for (;;) {
    if (j < 0) return text.length;
    let slashes = 0;
    while (text.charCodeAt(j - 1 - slashes) === 92 /* \ */) slashes++;
    if (slashes % 2 === 0) return j;
    j = text.indexOf('"', j + 1);
  }
}

/**
 * Whether the string between quotes at `start` and `end` can be a key the scan reads: any at
 * the root; in a node, only `name` and `type` (4 characters, or escaped), so the rest are not sliced.
 */
function mayBeKey(text: string, start: number, end: number, depth: number): boolean {
  if (depth === 1 || end - start - 1 === 4) return true;
  for (let j = start + 1; j < end; j++) if (text.charCodeAt(j) === 92 /* \\ */) return true;
  return false;
}

/** The decoded value of the string token text[start, end). */
function stringValue(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
}

/** End offset (exclusive) of the JSON value starting at `start`. */
function valueEndAt(text: string, start: number): number {
  const c = text.charCodeAt(start);
  if (c === 34) return stringEnd(text, start) + 1;
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === 34) i = stringEnd(text, i);
      else if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return i + 1;
    }
    return text.length;
  }
  let i = start;
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d <= 32 || d === 44 || d === 125 || d === 93) break;
    i++;
  }
  return i;
}
