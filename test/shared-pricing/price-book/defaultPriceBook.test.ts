import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyNode, getPriceBook, resolveModel } from '../../../shared-pricing/src/price-book';

const book = getPriceBook('default');

/** name → class of each node of a real workflow fixture (see fixtures/README.md). */
function classesOf(fixture: string): Record<string, string> {
  const workflow = JSON.parse(readFileSync(join(__dirname, 'fixtures', fixture), 'utf8')) as { nodes: Array<{ name: string; type: string; parameters?: Record<string, unknown> }> };
  return Object.fromEntries(workflow.nodes.map((node) => [node.name, classifyNode(node, book).className]));
}

describe('the default price book', () => {
  it('keeps the class names and rates others rely on', () => {
    const rates = Object.fromEntries(Object.entries(book.classes).map(([name, c]) => [name, `${c.unit}:${c.rate}`]));
    assert.deepEqual(rates, {
      trigger: 'run:0',
      app: 'run:1000',
      http: 'run:1000',
      code: 'run:500',
      core: 'run:100',
      delay: 'run:1000',
      subworkflow: 'run:100',
      'ai-llm': 'tokens:0',
      'ai-agent': 'run:200',
      'ai-tool': 'run:200',
      'ai-embedding': 'run:100',
      'ai-vector-store': 'run:500',
      'ai-call': 'run:5000',
      'ai-image': 'run:40000',
      'ai-audio': 'run:10000',
      free: 'run:0',
      metering: 'run:0',
    });
  });

  it('prices every node of a RAG chatbot by its AI family', () => {
    assert.deepEqual(classesOf('github-docs-rag-chatbot.workflow.json'), {
      'When clicking ‘Test workflow’': 'trigger',
      'HTTP Request': 'http',
      'Pinecone Vector Store': 'ai-vector-store',
      'Default Data Loader': 'ai-tool',
      'Recursive Character Text Splitter': 'ai-tool',
      'When chat message received': 'trigger',
      'AI Agent': 'ai-agent',
      'OpenAI Chat Model': 'ai-llm',
      'Window Buffer Memory': 'ai-tool',
      'Vector Store Tool': 'ai-tool',
      'OpenAI Chat Model1': 'ai-llm',
      'Sticky Note': 'free',
      'Sticky Note1': 'free',
      'Generate User Query Embedding': 'ai-embedding',
      'Pinecone Vector Store (Querying)': 'ai-vector-store',
      'Generate Embeddings': 'ai-embedding',
      'Sticky Note2': 'free',
    });
  });

  it('prices a Form page as a delay and a Form Ending as core', () => {
    const classes = classesOf('code-http-send-webhook.workflow.json');
    assert.deepEqual(
      ['Verify voice code', 'Verify email code', 'Success', 'Fail voice code', 'On form submission', 'Send Voice', 'Code for voice', 'Set voice code', 'Send Email'].map((n) => classes[n]),
      ['delay', 'delay', 'core', 'core', 'trigger', 'http', 'code', 'core', 'app'],
    );
  });

  it('leaves community nodes to the fallback, reported as not explicit', () => {
    const result = classifyNode({ type: 'n8n-nodes-brightdata.brightData' }, book);
    assert.deepEqual([result.className, result.matchedBy, result.explicit], ['app', 'fallback', false]);
  });

  const examples: Array<[string, Record<string, unknown> | undefined, string, string]> = [
    ['n8n-nodes-base.wait', undefined, 'delay', 'exact'],
    ['n8n-nodes-base.gmailTrigger', undefined, 'trigger', 'glob'],
    ['n8n-nodes-base.webhook', undefined, 'trigger', 'exact'],
    ['n8n-nodes-base.slack', { operation: 'post' }, 'app', 'glob'],
    ['n8n-nodes-base.gmailTool', undefined, 'app', 'glob'],
    ['n8n-nodes-base.splitInBatches', undefined, 'core', 'exact'],
    ['n8n-nodes-base.executeWorkflow', undefined, 'subworkflow', 'exact'],
    ['n8n-nodes-base.openAi', undefined, 'ai-call', 'exact'],
    ['n8n-nodes-base.openAi', { resource: 'image' }, 'ai-image', 'exact'],
    ['@n8n/n8n-nodes-langchain.openAi', undefined, 'ai-llm', 'exact'],
    ['@n8n/n8n-nodes-langchain.openAi', { resource: 'image' }, 'ai-image', 'exact'],
    ['@n8n/n8n-nodes-langchain.openAi', { resource: 'image', operation: 'analyze' }, 'ai-llm', 'exact'],
    ['@n8n/n8n-nodes-langchain.openAi', { resource: 'audio', operation: 'transcribe' }, 'ai-audio', 'exact'],
    ['@n8n/n8n-nodes-langchain.anthropic', undefined, 'ai-llm', 'exact'],
    ['@n8n/n8n-nodes-langchain.lmChatGoogleGemini', undefined, 'ai-llm', 'glob'],
    ['@n8n/n8n-nodes-langchain.chainLlm', undefined, 'ai-agent', 'glob'],
    ['@n8n/n8n-nodes-langchain.informationExtractor', undefined, 'ai-agent', 'exact'],
    ['@n8n/n8n-nodes-langchain.outputParserStructured', undefined, 'ai-tool', 'glob'],
    ['@n8n/n8n-nodes-langchain.toolHttpRequest', undefined, 'http', 'exact'],
    ['@n8n/n8n-nodes-langchain.toolWorkflow', undefined, 'subworkflow', 'exact'],
    ['@n8n/n8n-nodes-langchain.embeddingsMistralCloud', undefined, 'ai-embedding', 'glob'],
    ['@n8n/n8n-nodes-langchain.vectorStoreQdrant', undefined, 'ai-vector-store', 'glob'],
    ['@n8n/n8n-nodes-langchain.chatTrigger', undefined, 'trigger', 'glob'],
    ['@n8n/n8n-nodes-langchain.someFutureNode', undefined, 'ai-tool', 'glob'],
  ];
  for (const [type, parameters, className, matchedBy] of examples) {
    it(`classes ${type}${parameters ? ' ' + JSON.stringify(parameters) : ''} as ${className} (${matchedBy})`, () => {
      const result = classifyNode({ type, parameters }, book);
      assert.deepEqual([result.className, result.matchedBy], [className, matchedBy]);
    });
  }

  const models: Array<[string, string]> = [
    ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['models/gemini-2.0-flash-lite-preview', 'gemini-2.0-flash-lite'],
    ['models/gemini-1.5-flash-8b-exp-0924', 'gemini-1.5-flash-8b'],
    ['claude-3-5-haiku-20241022', 'claude-3-5-haiku'],
    ['anthropic/claude-3.5-sonnet', 'claude-3-5-sonnet'],
    ['gpt-3.5-turbo-16k-0613', 'gpt-3.5-turbo-16k'],
    ['deepseek/deepseek-r1:free', 'deepseek-reasoner'],
    ['llama3.2:latest', 'llama-3.2-3b-preview'],
    ['mistralai/Mistral-7B-Instruct-v0.1', 'open-mistral-7b'],
    ['ft:gpt-4o-mini-2024-07-18:n3w-italia::AsVfsl7B', 'ft:gpt-4o-mini'],
  ];
  for (const [name, canonical] of models) {
    it(`resolves the corpus model name "${name}" to ${canonical}`, () => {
      assert.deepEqual([resolveModel(name, book).model, resolveModel(name, book).fallback], [canonical, false]);
    });
  }
});
