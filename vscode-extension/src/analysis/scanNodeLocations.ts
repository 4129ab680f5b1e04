import type { NodeLocation, WorkflowShape } from './locateNodes';

/**
 * `locateNodes` for text that `JSON.parse` accepts, by one pass over strings and brackets instead
 * of a jsonc-parser tree (several times cheaper on every keystroke). Gives exactly what the tree
 * gives: the first `nodes` / `connections` / `name` / `type` key wins, as `property` does, and
 * `index` counts every element of the nodes array. Only for valid JSON: it checks no syntax.
 */
export function scanNodeLocations(text: string): WorkflowShape {
  const n = text.length;
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== 123 /* { */) return { isWorkflow: false, nodes: [], syntaxErrors: 0 };
  let depth = 0;
  let nodesAt = -1;
  let connectionsAt = -1;
  let inNodes = false;
  let index = -1;
  let current: NodeLocation | undefined;
  const nodes: NodeLocation[] = [];
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 44 /* , */ || c === 58 /* : */) continue;
    // A value starts here at the nodes array's level: its next element.
    if (inNodes && depth === 2 && c !== 93 && c !== 125) index++;
    if (c === 34 /* " */) {
      const end = stringEnd(text, i);
      const colon = skipSpace(text, end + 1);
      if (text.charCodeAt(colon) === 58 && (depth === 1 || (depth === 3 && current))) {
        const key = stringValue(text, i, end + 1);
        const value = skipSpace(text, colon + 1);
        if (depth === 1) {
          if (key === 'nodes' && nodesAt < 0) nodesAt = value;
          else if (key === 'connections' && connectionsAt < 0) connectionsAt = value;
        } else if (current && key === 'name' && !current.nameRange) {
          const valueEnd = valueEndAt(text, value);
          current.nameRange = { offset: value, length: valueEnd - value };
          if (text.charCodeAt(value) === 34) current.name = stringValue(text, value, valueEnd);
        } else if (current && key === 'type' && current.typeValueEnd === undefined) {
          current.typeValueEnd = valueEndAt(text, value);
        }
        i = colon;
      } else i = end;
    } else if (c === 123 || c === 91 /* [ */) {
      if (inNodes && depth === 2 && c === 123) current = { index, name: undefined, offset: i, length: 0, typeValueEnd: undefined, nameRange: undefined };
      if (depth === 1 && i === nodesAt && c === 91) inNodes = true;
      depth++;
    } else if (c === 125 || c === 93 /* } ] */) {
      depth--;
      if (inNodes && depth === 2 && current && c === 125) {
        current.length = i + 1 - current.offset;
        nodes.push(current);
        current = undefined;
      } else if (inNodes && depth === 1) inNodes = false;
    } else i = valueEndAt(text, i) - 1; // a number, true, false or null
  }
  const isWorkflow = nodesAt >= 0 && text.charCodeAt(nodesAt) === 91 && connectionsAt >= 0 && text.charCodeAt(connectionsAt) === 123;
  return { isWorkflow, nodes: isWorkflow ? nodes : [], syntaxErrors: 0 };
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && text.charCodeAt(i) <= 32) i++;
  return i;
}

/** Offset of the closing quote of the string opening at `start`. */
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
