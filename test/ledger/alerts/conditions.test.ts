import { strict as assert } from 'node:assert';
import { alertConditions, type AlertFacts } from '../../../ledger/src/alerts/conditions';
import { DEFAULT_ALERTS, type AlertSettings } from '../../../ledger/src/alerts/settings';

const off = { depleted: false, renewed: false, dailyLimit: false, circuitOpen: false };
const settings = (over: Partial<AlertSettings>): AlertSettings => ({ ...DEFAULT_ALERTS, thresholds: [], spikeFactor: null, events: off, ...over });
const facts = (over: Partial<AlertFacts['card']> = {}, rest: Partial<AlertFacts> = {}): AlertFacts => ({
  card: { totalAvailable: 100_000, allocation: 100_000, periodStart: '2026-03-01T00:00:00.000Z', resetsAt: '2026-04-01T00:00:00.000Z', dailyLimit: null, dailyRemaining: null, dailyResetsAt: '2026-03-11T00:00:00.000Z', ...over },
  day: '2026-03-10', openCircuits: [], today: [], trailing: [], ...rest,
});
const keys = (s: AlertSettings, f: AlertFacts) => alertConditions(s, f).map((c) => `${c.key}@${c.scope}`);

describe('alertConditions', () => {
  it('holds a threshold from exactly its percentage used: 80% of 100,000 is 20,000 left, not 20,001', () => {
    const s = settings({ thresholds: [80] });
    assert.deepEqual([keys(s, facts({ totalAvailable: 20_000 })), keys(s, facts({ totalAvailable: 20_001 }))], [['threshold:80@2026-03-01T00:00:00.000Z'], []]);
  });

  it('reaches into overdraft with a threshold over 100: 120% used is 20,000 below zero', () => {
    const s = settings({ thresholds: [120] });
    assert.deepEqual([keys(s, facts({ totalAvailable: -20_000 })).length, keys(s, facts({ totalAvailable: -19_999 })).length], [1, 0]);
  });

  it('holds "below" under the amount only, and depleted at zero', () => {
    const s = settings({ belowMillicredits: 5_000, events: { ...off, depleted: true } });
    assert.deepEqual([keys(s, facts({ totalAvailable: 5_000 })), keys(s, facts({ totalAvailable: 0 }))], [[], ['below@2026-03-01T00:00:00.000Z', 'depleted@2026-03-01T00:00:00.000Z']]);
  });

  it('counts the daily limit per day and the circuit breaker per workflow', () => {
    const s = settings({ events: { ...off, dailyLimit: true, circuitOpen: true } });
    const f = facts({ dailyLimit: 10_000, dailyRemaining: 0 }, { openCircuits: ['wf-a', 'wf-b'] });
    assert.deepEqual(keys(s, f), ['daily-limit@2026-03-10', 'circuit:wf-a@', 'circuit:wf-b@']);
  });

  it('compares a spike to 1/100 of the factor: 2.5 × an average of 1,000 fires above 2,500 only', () => {
    const s = settings({ spikeFactor: 2.5, spikeDays: 4 });
    // 4,000 over 4 days: 1,000 a day.
    const at = (today: number) => keys(s, facts({}, { today: [{ workflowId: 'wf', workflowName: null, millicredits: today }], trailing: [{ workflowId: 'wf', workflowName: null, millicredits: 4_000 }] }));
    assert.deepEqual([at(2_500), at(2_501)], [[], ['spike:wf@2026-03-10']]);
  });

  it('sends nothing switched off', () => {
    const f = facts({ totalAvailable: -1, dailyLimit: 1, dailyRemaining: 0 }, { openCircuits: ['wf'] });
    assert.deepEqual(keys(settings({}), f), []);
  });
});
