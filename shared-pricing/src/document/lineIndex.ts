/** A 0-based line and character, as editors count them. */
export interface LinePosition {
  line: number;
  character: number;
}

/** Offsets ↔ lines of one text. Line breaks are `\n`, `\r\n` and a lone `\r`, as in VS Code. */
export interface LineIndex {
  /** The offset where each line starts (built on first use). */
  readonly starts: readonly number[];
  /** `offset` and `length` with the 1-based line and column where the range starts. */
  rangeOf(offset: number, length: number): { offset: number; length: number; line: number; column: number };
  /** The 0-based line and character of `offset`. */
  positionAt(offset: number): LinePosition;
  /** The offset of a 0-based line and character; a line past the end gives the text's length. */
  offsetAt(position: LinePosition): number;
}

/**
 * The one line index of a text: line starts are found once, on first use (a text whose
 * offsets are never asked for costs nothing), then each lookup is a binary search.
 */
export function lineIndex(text: string): LineIndex {
  let starts: number[] | undefined;
  const lines = () => (starts ??= lineStarts(text));
  /** The 0-based line holding `offset`: the last line start at or before it. */
  const lineOf = (offset: number): number => {
    const s = lines();
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((s[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    get starts() {
      return lines();
    },
    rangeOf(offset, length) {
      const line = lineOf(offset);
      return { offset, length, line: line + 1, column: offset - (lines()[line] as number) + 1 };
    },
    positionAt(offset) {
      const line = lineOf(offset);
      return { line, character: offset - (lines()[line] as number) };
    },
    offsetAt(position) {
      return (lines()[position.line] ?? text.length) + position.character;
    },
  };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    // The usual case, \n only: indexOf finds each line end far faster than a loop over every character.
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) starts.push(i + 1);
  }
  return starts;
}
