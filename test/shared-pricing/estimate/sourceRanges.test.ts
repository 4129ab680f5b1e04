import { strict as assert } from 'node:assert';
import { analyze, fixture, nodeOf } from './fixtures';

describe('analyzeWorkflow: source ranges', () => {
  it('gives each node the offset and length of its object in the text', () => {
    const text = fixture('linear');
    const range = nodeOf(analyze('linear'), 'HTTP').range;
    const object = text.slice(range.offset, range.offset + range.length);
    assert.deepEqual([object.startsWith('{'), object.endsWith('}'), JSON.parse(object).name], [true, true, 'HTTP']);
  });

  it('gives each node the 1-based line and column where its object starts', () => {
    const text = fixture('linear');
    const range = nodeOf(analyze('linear'), 'HTTP').range;
    const line = text.slice(0, range.offset).split('\n').length;
    assert.deepEqual([range.line, range.column], [line, 5]);
  });
});
