import { MAX_JSON_DEPTH } from '../validation/tooDeeplyNested';

/**
 * Finds the offset and length of each element of the top-level `"nodes"` array in text that
 * is known to be valid JSON (JSON.parse accepted it), by tracking strings and brackets only:
 * far cheaper than building a jsonc-parser tree. Returns undefined when the shape is not the
 * plain one (a root that is not an object, a non-object element, `"nodes"` twice), so the
 * caller falls back to jsonc-parser.
 */
export function scanNodeRanges(text: string): Array<[number, number]> | undefined {
  const n = text.length;
  let depth = 0;
  let lastString = '';
  let lastStringEnd = -1;
  let inNodes = false;
  let seenNodes = false;
  let elementStart = -1;
  let ranges: Array<[number, number]> | undefined;
  let i = 0;
  while (i < n && text.charCodeAt(i) <= 32) i++;
  if (text.charCodeAt(i) !== 123) return undefined;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const j = stringEnd(text, i);
      if (depth === 1) {
        lastString = text.slice(i + 1, j);
        lastStringEnd = j;
      } else if (inNodes && depth === 2) return undefined;
      i = j;
    } else if (c === 123 || c === 91) {
      if (inNodes && depth === 2) {
        if (c !== 123) return undefined;
        elementStart = i;
      }
      if (depth === 1 && c === 91 && lastString === 'nodes' && lastStringEnd >= 0 && /^\s*:\s*$/.test(text.slice(lastStringEnd + 1, i))) {
        if (seenNodes) return undefined;
        seenNodes = inNodes = true;
        ranges = [];
      }
      // Past the depth limit the caller refuses the text rather than recurse into it.
      if (++depth > MAX_JSON_DEPTH) return undefined;
    } else if (c === 125 || c === 93) {
      depth--;
      if (inNodes && depth === 2 && c === 125) ranges?.push([elementStart, i + 1 - elementStart]);
      if (inNodes && depth === 1) inNodes = false;
    } else if (inNodes && depth === 2 && c > 32 && c !== 44) {
      return undefined;
    }
  }
  return ranges;
}

/** Offset of the closing quote of the string opening at `start` (indexOf: strings are most of the text). */
function stringEnd(text: string, start: number): number {
  let j = text.indexOf('"', start + 1);
  for (;;) {
    if (j < 0) return text.length;
    let slashes = 0;
    while (text.charCodeAt(j - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) return j;
    j = text.indexOf('"', j + 1);
  }
}
