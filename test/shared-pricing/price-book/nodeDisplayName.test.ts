import { strict as assert } from 'node:assert';
import { nodeDisplayName } from '../../../shared-pricing/src/price-book/nodeDisplayName';

// Expected names are n8n's own display names, as its node panel shows them.
const CASES: Array<[string, string]> = [
  ['n8n-nodes-base.httpRequest', 'HTTP Request'],
  ['n8n-nodes-base.googleSheets', 'Google Sheets'],
  ['n8n-nodes-base.scheduleTrigger', 'Schedule Trigger'],
  ['n8n-nodes-base.github', 'GitHub'],
  ['n8n-nodes-base.respondToWebhook', 'Respond to Webhook'],
  ['n8n-nodes-base.stopAndError', 'Stop and Error'],
  ['n8n-nodes-base.extractFromFile', 'Extract from File'],
  ['n8n-nodes-base.html', 'HTML'],
  ['n8n-nodes-base.set', 'Edit Fields (Set)'],
  ['n8n-nodes-base.splitInBatches', 'Loop Over Items'],
  ['n8n-nodes-base.rssFeedRead', 'RSS Feed Read'],
  ['n8n-nodes-base.graphql', 'GraphQL'],
  ['n8n-nodes-base.openAi', 'OpenAI'],
  ['n8n-nodes-base.mySql', 'MySQL'],
  ['@n8n/n8n-nodes-langchain.lmChatOpenAi', 'OpenAI Chat Model'],
  ['@n8n/n8n-nodes-langchain.embeddingsOpenAi', 'Embeddings OpenAI'],
  ['@n8n/n8n-nodes-langchain.agent', 'AI Agent'],
  ['n8n-nodes-credits.credits', 'Credits'],
  ['CUSTOM.credits', 'Credits'],
  ['@acme/n8n-nodes-acme.acmeCRM', 'Acme CRM'],
  ['not a type id', 'not a type id'],
  ['', ''],
];

describe('nodeDisplayName', () => {
  for (const [type, name] of CASES) {
    it(`names ${JSON.stringify(type)} ${JSON.stringify(name)}`, () => {
      assert.equal(nodeDisplayName(type), name);
    });
  }
});
