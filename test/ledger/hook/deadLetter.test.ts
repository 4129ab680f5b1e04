import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHook, type CreditsHook } from '../../../ledger/src/hook/createHook';
import { Spool } from '../../../ledger/src/hook/spool';
import { makeKey } from '../http/helpers';
import { cli } from '../../cli/support';
import { fixture, LedgerServer, tempDir } from './helpers';

/** The `linear` fixture costs 11 credits per execution by hand: Set Customer 1 credit + Double Quantity (Code) 10. */
const LINEAR_MC = 11000;

async function until(done: () => boolean | Promise<boolean>, what: string, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done()) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  assert.ok(await done(), `timed out waiting for ${what}`);
}

function attemptsInFile(spoolDir: string, name: string): number | undefined {
  return (JSON.parse(readFileSync(join(spoolDir, name), 'utf8')) as { attempts?: number }).attempts;
}

describe('n8n hook dead letters, against a real ledger', () => {
  let ledger: LedgerServer;
  const hooks: CreditsHook[] = [];
  let lines: string[];
  const { run, workflow } = fixture('linear');
  const trigger = { ...run, mode: 'trigger' };

  beforeEach(async () => {
    ledger = await LedgerServer.create();
    lines = [];
  });
  afterEach(async () => {
    for (const h of hooks.splice(0)) h.stop();
    await ledger.stop();
  });

  function makeHook(spool: string, extra: Record<string, string> = {}, key = ledger.meterKey): CreditsHook {
    const hook = createHook({ ...ledger.env(spool, extra), N8N_CREDITS_API_KEY: key }, { log: (l) => lines.push(l) });
    hooks.push(hook);
    return hook;
  }
  const post = (h: CreditsHook, executionId: string) => h.hooks.workflow.postExecute[0]!.call({}, trigger, workflow, executionId);
  const consumed = async () => (await ledger.store.balance(ledger.ws.id)).consumedThisPeriod;
  const entries = async (executionId: string) => (await ledger.store.entriesOfExecution(ledger.ws.id, executionId)).length;

  it('delivers 100 good executions past one the ledger answers 500 for, buries that one after 3 attempts, and replays it once fixed', async () => {
    const spool = tempDir('dead-spool-');
    const h = makeHook(spool, { N8N_CREDITS_MAX_ATTEMPTS: '3' });
    await h.idle();
    await ledger.stop();
    const posted = [...Array.from({ length: 50 }, (_, i) => `good-${i + 1}`), 'poison', ...Array.from({ length: 50 }, (_, i) => `good-${i + 51}`)];
    // One at a time, so the spool's order is the posting order (the first finds the ledger down, the rest queue).
    for (const id of posted) {
      await post(h, id);
      await h.idle();
    }
    assert.equal(new Spool(spool).list().length, 101);
    ledger.poison.add('poison');
    await ledger.start();
    await until(() => new Spool(spool).dead.names().length === 1 && new Spool(spool).list().length === 0, 'the spool to drain');

    // The first pass took the spool in order and went on past the poison; the poison was tried 3 times in all.
    assert.deepEqual(ledger.recordCalls.slice(0, 101), posted);
    assert.equal(ledger.recordCalls.filter((id) => id === 'poison').length, 3);
    // 100 executions × 11 credits, each once.
    assert.equal(await consumed(), 100 * LINEAR_MC);
    assert.deepEqual([await entries('good-1'), await entries('good-100'), await entries('poison')], [2, 2, 0]);
    const deadLines = lines.filter((l) => l.includes(' is dead '));
    assert.equal(deadLines.length, 1);
    assert.match(deadLines[0]!, /execution poison is dead \(after 3 attempts\): the ledger answered 500/);

    ledger.poison.delete('poison');
    const replay = await cli(['spool', 'replay', 'poison', '--dir', spool]);
    assert.deepEqual([replay.code, replay.stderr], [0, '']);
    await until(async () => (await entries('poison')) === 2, 'the replayed execution to be charged');
    assert.equal(await consumed(), 101 * LINEAR_MC);
    // The record leaves the spool only after the ledger's answer is read, a moment after the entries exist.
    await until(() => new Spool(spool).list().length === 0, 'the replayed record to leave the spool');
    assert.deepEqual(new Spool(spool).counts(), { waiting: 0, dead: 0 });
  });

  it('keeps the attempt count of a failing record across a restart of n8n', async () => {
    const spool = tempDir('dead-spool-');
    ledger.poison.add('poison');
    const first = makeHook(spool, { N8N_CREDITS_MAX_ATTEMPTS: '3', N8N_CREDITS_RETRY_MS: '50', N8N_CREDITS_RETRY_MAX_MS: '50' });
    await first.idle();
    await post(first, 'poison');
    await first.idle();
    const [name] = new Spool(spool).list();
    await until(() => attemptsInFile(spool, name!) === 2, 'the second failed attempt to be counted');
    first.stop();
    assert.equal(ledger.recordCalls.filter((id) => id === 'poison').length, 2);

    const second = makeHook(spool, { N8N_CREDITS_MAX_ATTEMPTS: '3', N8N_CREDITS_RETRY_MS: '50', N8N_CREDITS_RETRY_MAX_MS: '50' });
    await second.idle();
    await until(() => new Spool(spool).dead.names().length === 1, 'the record to die');
    // One more attempt after the restart makes 3: a count started over would have tried it 2 + 3 = 5 times.
    const dead = new Spool(spool).dead.list()[0]!;
    assert.deepEqual([ledger.recordCalls.filter((id) => id === 'poison').length, dead.reason?.attempts, dead.reason?.status], [3, 3, 500]);
  });

  it('buries an execution refused with 401 during a key rotation at once, and replays it once with the new key', async () => {
    const spool = tempDir('dead-spool-');
    const h = makeHook(spool);
    await h.idle();
    const meterKey = (await ledger.store.listApiKeys(ledger.ws.id)).find((k) => k.role === 'meter')!;
    await ledger.store.revokeApiKey(meterKey.id);
    await post(h, 'rotated');
    await h.idle();
    const [dead] = new Spool(spool).dead.list();
    assert.deepEqual([dead?.executionId, dead?.reason?.status, dead?.reason?.attempts, new Spool(spool).list().length, ledger.recordCalls], ['rotated', 401, 1, 0, []]);
    h.stop();

    // n8n restarts with the new key; the replay and n8n reporting the execution again charge it once.
    const renewed = makeHook(spool, {}, await makeKey(ledger.store, ledger.ws.id, 'meter'));
    await renewed.idle();
    assert.equal((await cli(['spool', 'replay', '--all', '--dir', spool])).code, 0);
    await until(async () => (await entries('rotated')) === 2, 'the replayed execution to be charged');
    await post(renewed, 'rotated');
    await renewed.idle();
    assert.deepEqual([await consumed(), await entries('rotated'), new Spool(spool).counts()], [LINEAR_MC, 2, { waiting: 0, dead: 0 }]);
  });
});
