/**
 * Clients that send usage events with fixed keys and retry what was not acknowledged, with the
 * same keys, until the ledger answers. Used by the crash and database-restart tests.
 */
import type { Agent } from 'node:http';
import type { LedgerStore } from '../../../ledger/src/store/types';
import { call, client, sleep, type Answer } from './service';

/** One request's worth of events: a single event (`POST /v1/usage`) or a batch. */
export interface Unit {
  batch: boolean;
  events: Array<{ key: string; millicredits: number; workflowId: string; nodeName: string; nodeType: string; executionId: string }>;
}

/** `clients` lists of units; keys are unique over all of them; amounts 1–7 millicredits. */
export function plan(singleClients: number, singlesEach: number, batchClients: number, batchesEach: number, batchSize: number): Unit[][] {
  const event = (c: number, n: number, i: number) => ({
    key: `c${c}:${n}:${i}`, millicredits: 1 + ((c * 31 + n * 7 + i) % 7), workflowId: `wf${c}`, nodeName: `node ${i % 5}`, nodeType: 'n8n-nodes-base.httpRequest', executionId: `e${c}:${n}`,
  });
  const lists: Unit[][] = [];
  for (let c = 0; c < singleClients; c++) lists.push(Array.from({ length: singlesEach }, (_, n) => ({ batch: false, events: [event(c, n, 0)] })));
  for (let c = singleClients; c < singleClients + batchClients; c++) {
    lists.push(Array.from({ length: batchesEach }, (_, n) => ({ batch: true, events: Array.from({ length: batchSize }, (_, i) => event(c, n, i)) })));
  }
  return lists;
}

export interface Tally {
  sent: number;
  /** Keys the ledger acknowledged (201/200, or recorded/duplicate in a batch), with their amounts. */
  acknowledged: Map<string, number>;
  /** Requests that failed with a connection error or a 5xx and were retried. */
  retriedRequests: number;
  /** Keys whose retry came back `duplicate`: committed before the failure, never acknowledged then. */
  committedUnacknowledged: number;
  /** Statuses and error codes of the 5xx answers seen. */
  serverErrors: Map<string, number>;
  /** Any answer that is not an acknowledgement and not retryable (a bug: the test fails on it). */
  unexpected: string[];
}

function acknowledges(unit: Unit, answer: Answer): Array<{ key: string; status: string }> | null {
  if (!unit.batch) {
    if (answer.status === 201) return [{ key: unit.events[0]!.key, status: 'recorded' }];
    if (answer.status === 200) return [{ key: unit.events[0]!.key, status: 'duplicate' }];
    return null;
  }
  if (answer.status !== 200) return null;
  const outcomes = (answer.body as { outcomes?: Array<{ key: string; status: string }> }).outcomes ?? [];
  return outcomes.length === unit.events.length && outcomes.every((o) => o.status === 'recorded' || o.status === 'duplicate') ? outcomes : null;
}

/**
 * Runs every client's units in order against `target()` (the current URL and key), retrying a unit
 * whose request fails (connection error, 5xx) after `retryMs`, until it is acknowledged, up to
 * `deadline`. `onAck` is called after each acknowledgement with the running count.
 */
export async function runClients(units: Unit[][], target: () => { url: string; key: string }, deadline: number, onAck: (acked: number) => void = () => undefined, retryMs = 100): Promise<Tally> {
  const tally: Tally = { sent: units.flat().reduce((n, u) => n + u.events.length, 0), acknowledged: new Map(), retriedRequests: 0, committedUnacknowledged: 0, serverErrors: new Map(), unexpected: [] };
  await Promise.all(units.map(async (list) => {
    let agent: Agent = client();
    for (const unit of list) {
      let retried = false;
      for (;;) {
        if (Date.now() > deadline) throw new Error(`deadline passed with ${tally.acknowledged.size} of ${tally.sent} acknowledged`);
        const { url, key } = target();
        const path = unit.batch ? '/v1/usage/batch' : '/v1/usage';
        const body = JSON.stringify(unit.batch ? { events: unit.events } : unit.events[0]);
        let answer: Answer | null = null;
        try {
          answer = await call(agent, url, key, 'POST', path, body, {}, 20_000);
        } catch {
          agent.destroy();
          agent = client();
        }
        const acked = answer ? acknowledges(unit, answer) : null;
        if (acked) {
          for (const o of acked) {
            if (retried && o.status === 'duplicate') tally.committedUnacknowledged++;
            tally.acknowledged.set(o.key, unit.events.find((e) => e.key === o.key)!.millicredits);
          }
          onAck(tally.acknowledged.size);
          break;
        }
        if (answer && answer.status < 500) {
          tally.unexpected.push(`${path} ${answer.status} ${answer.text.slice(0, 200)}`);
          break;
        }
        if (answer) {
          const code = (answer.body as { error?: { code?: string } } | undefined)?.error?.code ?? `non-JSON ${answer.contentType}`;
          const label = `${answer.status} ${code}`;
          tally.serverErrors.set(label, (tally.serverErrors.get(label) ?? 0) + 1);
        }
        retried = true;
        tally.retriedRequests++;
        await sleep(retryMs);
      }
    }
    agent.destroy();
  }));
  return tally;
}

/** Every charge entry of the workspace: key → [amount, how many entries carry the key]. */
export async function ledgerCharges(store: LedgerStore, workspaceId: string): Promise<Map<string, { millicredits: number; count: number }>> {
  const found = new Map<string, { millicredits: number; count: number }>();
  let before: number | undefined;
  for (;;) {
    const page = await store.listEntries({ workspaceId, limit: 5000, before });
    for (const e of page) {
      if (e.type !== 'charge') continue;
      const seen = found.get(e.key);
      if (seen) seen.count++;
      else found.set(e.key, { millicredits: e.millicredits, count: 1 });
    }
    if (page.length < 5000) break;
    before = page[page.length - 1]!.id;
  }
  return found;
}

/** Compares what was acknowledged with what the ledger holds; returns the problems (empty when they agree). */
export function compare(acknowledged: Map<string, number>, found: Map<string, { millicredits: number; count: number }>): string[] {
  const problems: string[] = [];
  for (const [key, millicredits] of acknowledged) {
    const f = found.get(key);
    if (!f) problems.push(`acknowledged ${key} is missing`);
    else if (f.count !== 1) problems.push(`${key} recorded ${f.count} times`);
    else if (f.millicredits !== millicredits) problems.push(`${key} holds ${f.millicredits}, sent ${millicredits}`);
  }
  for (const key of found.keys()) if (!acknowledged.has(key)) problems.push(`${key} is in the ledger but was never acknowledged`);
  return problems.slice(0, 20);
}

/** The one-line count every crash test prints. */
export function countsLine(tally: Tally, found: Map<string, { millicredits: number; count: number }>): string {
  const once = [...found.values()].every((f) => f.count === 1);
  return `sent ${tally.sent}, acknowledged ${tally.acknowledged.size}, found ${found.size} (${once ? 'each once' : 'SOME TWICE'}); ${tally.retriedRequests} requests retried, ${tally.committedUnacknowledged} keys committed before a failure but acknowledged only on retry`;
}
