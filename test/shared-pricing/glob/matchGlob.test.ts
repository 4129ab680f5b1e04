import { strict as assert } from 'node:assert';
import { globSpecificity, isGlob, matchGlob } from '../../../shared-pricing/src/glob';

describe('matchGlob', () => {
  const cases: Array<[string, string, boolean]> = [
    ['n8n-nodes-base.*', 'n8n-nodes-base.slack', true],
    ['n8n-nodes-base.*', '@n8n/n8n-nodes-langchain.agent', false],
    ['*Trigger', 'n8n-nodes-base.gmailTrigger', true],
    ['*Trigger', 'n8n-nodes-base.gmailTriggerX', false],
    ['@n8n/n8n-nodes-langchain.lm*', '@n8n/n8n-nodes-langchain.lmChatOpenAi', true],
    ['@n8n/n8n-nodes-langchain.lm*', '@n8n/n8n-nodes-langchain.agent', false],
    ['gpt-4o-2024-??-??', 'gpt-4o-2024-08-06', true],
    ['gpt-4o-2024-??-??', 'gpt-4o-2024-8-6', false],
    ['gpt-4.1', 'gpt-441', false],
    ['a+b(c)', 'a+b(c)', true],
    ['n8n-nodes-base.*', 'N8N-NODES-BASE.slack', false],
    ['*', '', true],
  ];
  for (const [pattern, value, expected] of cases) {
    it(`${expected ? 'matches' : 'does not match'} "${value}" with "${pattern}"`, () => {
      assert.equal(matchGlob(pattern, value), expected);
    });
  }
});

describe('isGlob', () => {
  it('tells patterns with * or ? from exact names', () => {
    assert.deepEqual(['a*', 'a?b', 'n8n-nodes-base.set'].map(isGlob), [true, true, false]);
  });
});

describe('globSpecificity', () => {
  it('counts the literal characters of a pattern', () => {
    assert.deepEqual(['n8n-nodes-base.*', '*Trigger', 'a?c*'].map(globSpecificity), [15, 7, 2]);
  });
});
