import { strict as assert } from 'node:assert';
import { countItems } from './pricing';
import { ok } from './runData';

describe('countItems', () => {
  it('counts the items on every main output (an If sends 3 to true and 2 to false)', () => {
    assert.equal(countItems(ok([3, 2])), 5);
  });

  it('counts null outputs and null items as nothing', () => {
    assert.equal(countItems({ data: { main: [null, [{ json: {} }, null, { json: {} }]] } }), 2);
  });

  it('does not count items on other connection types', () => {
    assert.equal(countItems({ data: { main: [[{ json: {} }]], ai_tool: [[{ json: {} }, { json: {} }]] } }), 1);
  });

  it('counts 0 for a run with no data, null data or a main that is not an array', () => {
    assert.deepEqual([countItems({}), countItems({ data: null }), countItems({ data: { main: null } }), countItems(undefined)], [0, 0, 0, 0]);
  });
});
