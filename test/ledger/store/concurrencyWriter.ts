/**
 * One writer process of the concurrency test: opens the store named in the job file, sends its
 * charges one per transaction in the given order, and writes every outcome to the result file.
 * Usage: tsx concurrencyWriter.ts <job.json> <result.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { PostgresLedgerStore } from '../../../ledger/src/store/postgres';
import { SqliteLedgerStore } from '../../../ledger/src/store/sqlite';
import type { ChargeInput, LedgerStore } from '../../../ledger/src/store/types';

export interface WriterJob {
  store: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema: string };
  charges: ChargeInput[];
}

export interface WriterResult {
  key: string;
  workspaceId: string;
  status: string;
  balance: number | null;
}

async function main(): Promise<void> {
  const [jobPath, resultPath] = process.argv.slice(2);
  const job = JSON.parse(readFileSync(jobPath, 'utf8')) as WriterJob;
  const store: LedgerStore = job.store.kind === 'sqlite'
    ? new SqliteLedgerStore({ path: job.store.path })
    : new PostgresLedgerStore({ connectionString: job.store.url, schema: job.store.schema, maxConnections: 1 });
  const results: WriterResult[] = [];
  for (const charge of job.charges) {
    const outcome = await store.charge(charge);
    results.push({ key: charge.key, workspaceId: charge.workspaceId, status: outcome.status, balance: outcome.status === 'recorded' ? outcome.balance : null });
  }
  await store.close();
  writeFileSync(resultPath, JSON.stringify(results));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
