import { strict as assert } from 'node:assert';
import { chargeKey, totalsByNode, type Charge } from './pricing';

const charge = (nodeName: string, millicredits: number): Charge => ({
  key: chargeKey('e', nodeName, 0, 'run'), executionId: 'e', nodeName, nodeType: 't', runIndex: 0, kind: 'run', className: 'c', units: 1, millicredits, reason: '', explicit: true,
});

describe('totalsByNode', () => {
  it('sums charges per node in first-seen order', () => {
    assert.deepEqual([...totalsByNode([charge('A', 5), charge('B', 7), charge('A', 10)])], [['A', 15], ['B', 7]]);
  });
});

describe('chargeKey', () => {
  it('joins execution id, node name, run index and kind with colons', () => {
    assert.equal(chargeKey('123', 'HTTP Request', 4, 'tokens'), '123:HTTP Request:4:tokens');
  });
});
