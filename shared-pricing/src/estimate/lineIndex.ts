import type { SourceRange } from './types';

/**
 * Returns a function that turns an offset and length into a `SourceRange` with its 1-based
 * line and column. Line starts are found once, on first use, then searched in O(log n).
 */
export function lineIndex(text: string): (offset: number, length: number) => SourceRange {
  let starts: number[] | undefined;
  return (offset, length) => {
    if (!starts) {
      starts = [0];
      let at = text.indexOf('\n');
      while (at >= 0) {
        starts.push(at + 1);
        at = text.indexOf('\n', at + 1);
      }
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { offset, length, line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  };
}
