import { strict as assert } from 'node:assert';
import { parseWorkflowDocument } from '../../../shared-pricing/src/document/parseWorkflowDocument';
import { rawNodeMap } from '../../../shared-pricing/src/lint/helpers/rawNodeMap';

const readRawNodes = (text: string) => rawNodeMap(parseWorkflowDocument(text).rawNodes);

describe('the raw nodes of pathologically nested text', () => {
  it('reads no nodes from broken JSON nested 100,000 levels deep instead of overflowing the stack', () => {
    assert.equal(readRawNodes('{"nodes": [' + '['.repeat(100_000)).size, 0);
  });

  it('still reads the nodes of broken JSON of ordinary depth', () => {
    assert.deepEqual([...readRawNodes('{"nodes": [{"name": "A", "type": "x"},').keys()], ['A']);
  });
});
