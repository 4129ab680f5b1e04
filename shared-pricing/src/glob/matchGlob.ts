// Our own matcher, not picomatch: shared-pricing is compiled into the community package (n8n-nodes-credits),
// which must keep zero runtime dependencies; price-book globs need only `*` and `?`.
const compiled = new Map<string, RegExp>();

/** Is `pattern` a glob (has `*` or `?`) rather than an exact name? */
export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/**
 * Matches a node type or model name against a glob where `*` is any run of characters and
 * `?` one character; everything else is literal. Case-sensitive, like n8n node types.
 */
export function matchGlob(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern);
  if (!regex) {
    const source = pattern
      .split('')
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${source}$`);
    compiled.set(pattern, regex);
  }
  return regex.test(value);
}

/** How specific a glob is: its count of literal characters (more is more specific). */
export function globSpecificity(pattern: string): number {
  return pattern.replace(/[*?]/g, '').length;
}
