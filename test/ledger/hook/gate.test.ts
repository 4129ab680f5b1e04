import assert from 'node:assert/strict';
import type { Admission } from '../../../ledger/src/http/routes/admission';
import { ExecutionRefusedError, Gate } from '../../../ledger/src/hook/gate';

const refused: Admission = { allowed: false, reason: 'daily-limit', message: 'n8n Credits: daily limit', renewsAt: '2026-01-02T00:00:00.000Z', exhaustion: 'pause', totalAvailable: 5, dailyRemaining: 0, consecutiveFailures: 0 };

describe('Gate', () => {
  it('reuses an answer within the cache time and asks again after it', async () => {
    let now = 0;
    const asked: string[] = [];
    const gate = new Gate({ admission: async (id, mode) => (asked.push(`${id}/${mode}`), { ...refused, allowed: true }), cacheMs: 1000, log: () => {}, now: () => now });
    await gate.check('w1', 'trigger');
    now = 999;
    await gate.check('w1', 'trigger');
    now = 1000;
    await gate.check('w1', 'trigger');
    assert.deepEqual(asked, ['w1/trigger', 'w1/trigger']);
  });

  it('throws the ledger\'s message when refused', async () => {
    const gate = new Gate({ admission: async () => refused, cacheMs: 0, log: () => {} });
    await assert.rejects(gate.check('w1', 'webhook'), (err: Error) => err instanceof ExecutionRefusedError && err.message === 'n8n Credits: daily limit');
  });

  it('never asks about editor runs or sub-workflows', async () => {
    let asked = 0;
    const gate = new Gate({ admission: async () => (asked++, refused), cacheMs: 0, log: () => {} });
    await gate.check('w1', 'manual');
    await gate.check('w1', 'integrated');
    assert.equal(asked, 0);
  });

  it('logs once while the ledger does not answer, and again after it answered', async () => {
    const lines: string[] = [];
    let answer: Admission | null = null;
    const gate = new Gate({ admission: async () => answer, cacheMs: 0, log: (l) => lines.push(l) });
    await gate.check('w1', 'trigger');
    await gate.check('w1', 'trigger');
    answer = { ...refused, allowed: true };
    await gate.check('w1', 'trigger');
    answer = null;
    await gate.check('w1', 'trigger');
    assert.equal(lines.length, 2);
  });
});
