import assert from 'node:assert/strict';
import type { Admission } from '../../../ledger/src/http/routes/admission';
import { ExecutionRefusedError, Gate, type AdmissionWorkflowBody, type GateOptions, type GateWorkflow } from '../../../ledger/src/hook/gate';

const refused: Admission = {
  allowed: false, reason: 'daily-limit', message: 'n8n Credits: daily limit', renewsAt: '2026-01-02T00:00:00.000Z', exhaustion: 'pause',
  totalAvailable: 5, dailyRemaining: 0, consecutiveFailures: 0, estimate: null, missing: 1, workflowNeeded: false,
};
const allowed: Admission = { ...refused, allowed: true, reason: null, message: null, renewsAt: null, missing: null };
const body: AdmissionWorkflowBody = { id: 'w1', versionId: 'v1', name: 'W', nodes: [], connections: {} };
const saved = (versionId = 'v1'): GateWorkflow => ({ id: 'w1', versionId, body: () => ({ ...body, versionId }) });

/** A gate whose ledger answers GET with `get` and POST with `post`, recording each call. */
function gateWith(get: () => Admission | null, post: () => Admission | null = () => allowed, extra: Partial<GateOptions> = {}) {
  const calls: string[] = [];
  const gate = new Gate({
    admission: async (id, versionId, mode) => (calls.push(`GET ${id}/${versionId}/${mode}`), get()),
    admitWorkflow: async (workflow, mode) => (calls.push(`POST ${workflow.id}/${workflow.versionId}/${mode}`), post()),
    cacheMs: 0,
    log: () => {},
    ...extra,
  });
  return { gate, calls };
}

describe('Gate', () => {
  it('reuses an answer within the cache time and asks again after it', async () => {
    let now = 0;
    const { gate, calls } = gateWith(() => allowed, undefined, { cacheMs: 1000, now: () => now });
    await gate.check(saved(), 'trigger');
    now = 999;
    await gate.check(saved(), 'trigger');
    now = 1000;
    await gate.check(saved(), 'trigger');
    assert.deepEqual(calls, ['GET w1/v1/trigger', 'GET w1/v1/trigger']);
  });

  it('asks anew for a new version of the workflow within the cache time', async () => {
    const { gate, calls } = gateWith(() => allowed, undefined, { cacheMs: 1000, now: () => 0 });
    await gate.check(saved('v1'), 'trigger');
    await gate.check(saved('v2'), 'trigger');
    assert.deepEqual(calls, ['GET w1/v1/trigger', 'GET w1/v2/trigger']);
  });

  it('sends the workflow only when the ledger says it needs that version', async () => {
    const { gate, calls } = gateWith(() => ({ ...allowed, workflowNeeded: true }), () => refused);
    await assert.rejects(gate.check(saved(), 'webhook'), ExecutionRefusedError);
    assert.deepEqual(calls, ['GET w1/v1/webhook', 'POST w1/v1/webhook']);
  });

  it('sends the workflow when the version-free answer refuses, so that the refusal says how much is missing', async () => {
    const priced = { ...refused, message: 'n8n Credits: 1 credit missing' };
    const { gate, calls } = gateWith(() => ({ ...refused, workflowNeeded: true }), () => priced);
    await assert.rejects(gate.check(saved(), 'webhook'), { message: 'n8n Credits: 1 credit missing' });
    assert.deepEqual(calls, ['GET w1/v1/webhook', 'POST w1/v1/webhook']);
  });

  it('does not send the workflow when its circuit is open: no price changes that refusal', async () => {
    const { gate, calls } = gateWith(() => ({ ...refused, reason: 'circuit-open', workflowNeeded: true }));
    await assert.rejects(gate.check(saved(), 'webhook'), ExecutionRefusedError);
    assert.deepEqual(calls, ['GET w1/v1/webhook']);
  });

  it('sends a workflow without a version at once', async () => {
    const { gate, calls } = gateWith(() => allowed);
    await gate.check({ id: 'w1', body: () => ({ ...body, versionId: null }) }, 'trigger');
    assert.deepEqual(calls, ['POST w1/null/trigger']);
  });

  it('keeps the answer by version when the ledger does not answer the workflow in time', async () => {
    const { gate } = gateWith(() => ({ ...allowed, workflowNeeded: true }), () => null);
    await gate.check(saved(), 'trigger');
  });

  it('throws the ledger\'s message when refused', async () => {
    const { gate } = gateWith(() => refused);
    await assert.rejects(gate.check(saved(), 'webhook'), (err: Error) => err instanceof ExecutionRefusedError && err.message === 'n8n Credits: daily limit');
  });

  it('never asks about editor runs or sub-workflows', async () => {
    const { gate, calls } = gateWith(() => refused);
    await gate.check(saved(), 'manual');
    await gate.check(saved(), 'integrated');
    assert.equal(calls.length, 0);
  });

  it('logs once while the ledger does not answer, and again after it answered', async () => {
    const lines: string[] = [];
    let answer: Admission | null = null;
    const { gate } = gateWith(() => answer, undefined, { log: (l) => lines.push(l) });
    await gate.check(saved(), 'trigger');
    await gate.check(saved(), 'trigger');
    answer = allowed;
    await gate.check(saved(), 'trigger');
    answer = null;
    await gate.check(saved(), 'trigger');
    assert.equal(lines.length, 2);
  });
});
