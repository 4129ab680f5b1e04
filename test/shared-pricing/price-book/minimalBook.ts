/** A small valid price book for tests; a fresh copy each call so tests can break it freely. */
export function minimalBook(): Record<string, any> {
  return {
    version: 1,
    name: 'test',
    nominalPerExecution: 0,
    classes: {
      trigger: { unit: 'run', rate: 0 },
      app: { unit: 'run', rate: 1000 },
      llm: { unit: 'tokens', rate: 0 },
      helper: { unit: 'helper', rate: 1000, every: 100 },
    },
    fallbackClass: 'app',
    triggerClass: 'trigger',
    rules: [
      { type: 'n8n-nodes-base.*', class: 'app' },
      { type: '@n8n/n8n-nodes-langchain.lm*', class: 'llm' },
    ],
    models: { 'gpt-4o': { input: 2500, output: 10000, aliases: ['gpt-4o-2024-*'] } },
    modelFallback: { input: 3000, output: 15000 },
  };
}
