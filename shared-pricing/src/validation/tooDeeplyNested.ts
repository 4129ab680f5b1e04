/** Deeper than any real workflow or price book nests, and far below where a recursive parser overflows the stack. */
export const MAX_JSON_DEPTH = 512;

/**
 * Whether `[` / `{` nest deeper than `limit` anywhere in a JSON or JSONC text, ignoring brackets
 * inside strings and comments. Checked before jsonc-parser's recursive tree building, which
 * throws a RangeError (call stack exceeded) on pathologically nested input.
 */
export function tooDeeplyNested(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
    } else if (ch === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (ch === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (ch === 0x5d /* ] */ || ch === 0x7d /* } */) {
      depth = Math.max(0, depth - 1);
    }
  }
  return false;
}
