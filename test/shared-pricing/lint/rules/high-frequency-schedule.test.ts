import assert from 'node:assert/strict';
import { highFrequencySchedule } from '../../../../shared-pricing/src/lint/rules/high-frequency-schedule';
import type { AssumptionSource } from '../../../../shared-pricing/src/estimate/types';
import { analysis, node, r, runRule, summary } from '../support';

describe('high-frequency-schedule', () => {
  const cases: Array<{ does: string; runs: number; source: AssumptionSource; options: Record<string, number>; expected: Array<[string, string]> }> = [
    {
      does: 'report a schedule that runs every minute',
      runs: 43200,
      source: 'schedule',
      options: {},
      expected: [['Tick', 'trigger "Tick" runs 43200 times a month (every minute), more than 8640; at 0.4 credits per execution that is 17280 credits a month']],
    },
    { does: 'accept every 5 minutes (8640 a month, the default limit)', runs: 8640, source: 'schedule', options: {}, expected: [] },
    {
      does: 'use maxRunsPerMonth',
      runs: 2976,
      source: 'schedule',
      options: { maxRunsPerMonth: 2880 },
      expected: [['Tick', 'trigger "Tick" runs 2976 times a month (every minute), more than 2880; at 0.4 credits per execution that is 1190.4 credits a month']],
    },
    { does: 'ignore a webhook volume that is only an assumption', runs: 100000, source: 'default', options: {}, expected: [] },
  ];
  it('does ignore a frequent trigger of a workflow that costs nothing per execution', () => {
    const input = analysis([node('Tick', 'n8n-nodes-base.scheduleTrigger')], {
      perExecution: r(0),
      monthly: { runsPerMonth: r(43200), basis: 'every minute', credits: r(0), triggers: [{ node: 'Tick', type: 'n8n-nodes-base.scheduleTrigger', runsPerMonth: 43200, basis: 'every minute', source: 'schedule' }] },
    });
    assert.deepEqual(runRule(highFrequencySchedule, input), []);
  });
  for (const c of cases) {
    it(`does ${c.does}`, () => {
      const input = analysis([node('Tick', 'n8n-nodes-base.scheduleTrigger')], {
        perExecution: r(400),
        monthly: { runsPerMonth: r(c.runs), basis: 'every minute', credits: r(0), triggers: [{ node: 'Tick', type: 'n8n-nodes-base.scheduleTrigger', runsPerMonth: c.runs, basis: 'every minute', source: c.source }] },
      });
      assert.deepEqual(summary(runRule(highFrequencySchedule, input, c.options)), c.expected);
    });
  }
});
