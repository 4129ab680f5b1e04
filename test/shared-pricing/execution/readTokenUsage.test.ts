import { strict as assert } from 'node:assert';
import { priceExecution, PricingError, readTokenUsage } from './pricing';
import { execution, lm, node, workflow } from './runData';
import { testBook, testPlan } from './testBook';

describe('readTokenUsage', () => {
  it('reads an LLM sub-node\'s tokenUsage as input and output tokens', () => {
    assert.deepEqual(readTokenUsage(lm(1200, 300)), { input: 1200, output: 300, source: 'tokenUsage' });
  });

  it('reads tokenUsageEstimate when the provider reported none', () => {
    assert.deepEqual(readTokenUsage(lm(40, 7, 'tokenUsageEstimate')), { input: 40, output: 7, source: 'tokenUsageEstimate' });
  });

  it('reads a vendor node\'s metadata.tokenUsage', () => {
    const run = { executionStatus: 'success', metadata: { tokenUsage: { inputTokens: 512, outputTokens: 64 } }, data: { main: [[{ json: {} }]] } };
    assert.deepEqual(readTokenUsage(run), { input: 512, output: 64, source: 'metadata' });
  });

  it('sums several items on the language-model output', () => {
    const run = { data: { ai_languageModel: [[{ json: { tokenUsage: { promptTokens: 10, completionTokens: 1 } } }, { json: { tokenUsage: { promptTokens: 5, completionTokens: 2 } } }]] } };
    assert.deepEqual(readTokenUsage(run), { input: 15, output: 3, source: 'tokenUsage' });
  });

  it('returns undefined for a run without usage', () => {
    assert.equal(readTokenUsage({ data: { ai_languageModel: [[{ json: { response: {} } }]] } }), undefined);
  });

  it('treats a null or missing count as absent: 0 beside a present count, undefined when both are missing', () => {
    const run = { data: { ai_languageModel: [[{ json: { tokenUsage: { promptTokens: null, completionTokens: 9 } } }], null] } };
    assert.deepEqual(readTokenUsage(run as never), { input: 0, output: 9, source: 'tokenUsage' });
    assert.equal(readTokenUsage({ metadata: { tokenUsage: { inputTokens: null } } } as never), undefined);
  });

  describe('a count that is present but not a whole number of tokens ≥ 0', () => {
    // [label, value, how the message shows it]
    const malformed: Array<[string, unknown, string]> = [
      ['the string "1000"', '1000', '"1000"'],
      ['-1000', -1000, '-1000'],
      ['1.5', 1.5, '1.5'],
      ['1e300', 1e300, '1e+300'],
      ['NaN', Number.NaN, 'NaN'],
      ['Infinity', Number.POSITIVE_INFINITY, 'Infinity'],
    ];
    // [place, run with the bad value as its first count, path of that count below the run]
    const places: Array<[string, (bad: unknown) => unknown, string]> = [
      ['tokenUsage.promptTokens', (bad) => ({ data: { ai_languageModel: [[{ json: { tokenUsage: { promptTokens: bad, completionTokens: 300 } } }]] } }), '.data.ai_languageModel[0][0].json.tokenUsage.promptTokens'],
      ['tokenUsageEstimate.completionTokens', (bad) => ({ data: { ai_languageModel: [[{ json: { tokenUsageEstimate: { promptTokens: 40, completionTokens: bad } } }]] } }), '.data.ai_languageModel[0][0].json.tokenUsageEstimate.completionTokens'],
      ['metadata.tokenUsage.inputTokens', (bad) => ({ metadata: { tokenUsage: { inputTokens: bad, outputTokens: 64 } } }), '.metadata.tokenUsage.inputTokens'],
    ];
    for (const [place, make, path] of places) {
      for (const [label, bad, shown] of malformed) {
        it(`throws a PricingError naming ${place} when it is ${label}`, () => {
          assert.throws(() => readTokenUsage(make(bad) as never, 'runData["Model"][2]'), (e: unknown) =>
            e instanceof PricingError && e.message === `runData["Model"][2]${path} must be a whole number of tokens ≥ 0, got ${shown}`);
        });
      }
    }

    it('names the item of the language-model output it sits in', () => {
      const run = { data: { ai_languageModel: [[{ json: { tokenUsage: { promptTokens: 1, completionTokens: 1 } } }], [{ json: {} }, { json: { tokenUsage: { promptTokens: 2, completionTokens: -5 } } }]] } };
      assert.throws(() => readTokenUsage(run as never), {
        name: 'PricingError', message: 'run.data.ai_languageModel[1][1].json.tokenUsage.completionTokens must be a whole number of tokens ≥ 0, got -5',
      });
    });

    it('names the count from the top of the run data when priceExecution prices the run', () => {
      const wf = workflow([node('OpenAI Model', '@n8n/n8n-nodes-langchain.lmChatOpenAi', { model: 'm1' })]);
      const run = execution('e1', { 'OpenAI Model': [{ startTime: 0, executionStatus: 'success', data: { ai_languageModel: [[{ json: { tokenUsage: { promptTokens: '1000', completionTokens: 300 } } }]] } }] });
      assert.throws(() => priceExecution(run, wf, testBook, testPlan()), {
        name: 'PricingError',
        message: 'runData["OpenAI Model"][0].data.ai_languageModel[0][0].json.tokenUsage.promptTokens must be a whole number of tokens ≥ 0, got "1000"',
      });
    });
  });
});
