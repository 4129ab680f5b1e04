/**
 * Turns a path glob into a regular expression over forward-slash paths: `**` any number of
 * folders, `*` and `?` within one path segment, `{a,b}` alternatives; the rest is literal.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) source += '\\{';
      else {
        source += '(?:' + glob.slice(i + 1, end).split(',').map(escape).join('|') + ')';
        i = end;
      }
    } else source += escape(ch);
  }
  return new RegExp(`^${source}$`);
}

/** Does a path or pattern contain glob syntax? */
export function hasGlob(pattern: string): boolean {
  return /[*?{]/.test(pattern);
}

function escape(text: string): string {
  return text.replace(/[.+^$()|[\]\\]/g, '\\$&');
}
