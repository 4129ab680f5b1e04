import { strict as assert } from 'node:assert';
import { lineIndex } from '../../../shared-pricing/src/document/lineIndex';

describe('lineIndex', () => {
  it('turns offsets into 0-based lines and characters across \\n, \\r\\n and a lone \\r', () => {
    const lines = lineIndex('ab\ncd\r\nef\rg');
    assert.deepEqual([lines.starts, lines.positionAt(0), lines.positionAt(4), lines.positionAt(8), lines.positionAt(10)], [[0, 3, 7, 10], { line: 0, character: 0 }, { line: 1, character: 1 }, { line: 2, character: 1 }, { line: 3, character: 0 }]);
  });

  it('gives a range its 1-based line and column', () => {
    assert.deepEqual(lineIndex('ab\ncd\nef').rangeOf(7, 1), { offset: 7, length: 1, line: 3, column: 2 });
  });

  it('turns a line and character back into the offset, and a line past the end into the length', () => {
    const lines = lineIndex('ab\ncd\r\nef');
    assert.deepEqual([lines.offsetAt({ line: 1, character: 1 }), lines.offsetAt({ line: 2, character: 0 }), lines.offsetAt({ line: 9, character: 0 })], [4, 7, 9]);
  });

  it('counts the line of an offset in a long text as a split of its prefix does', () => {
    const text = Array.from({ length: 500 }, (_, i) => 'x'.repeat(i % 7)).join('\n');
    const lines = lineIndex(text);
    for (const offset of [0, 1, 250, 1234, text.length]) {
      const before = text.slice(0, offset).split('\n');
      assert.deepEqual(lines.positionAt(offset), { line: before.length - 1, character: (before[before.length - 1] as string).length });
    }
  });
});
