import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../../ledger/src/http/app';
import { bootstrap } from '../../../ledger/src/service/bootstrap';
import { resolveConfig } from '../../../ledger/src/service/config';
import { openStore } from '../../../ledger/src/service/openStore';
import { startService, type RunningService } from '../../../ledger/src/service/service';
import { PostgresLedgerStore } from '../../../ledger/src/store/postgres';
import type { LedgerStore } from '../../../ledger/src/store/types';
import { makeReadOnly } from '../../fault/support/folders';
import { dropSchema, freshSchemaName, testDatabaseUrl } from '../../support/postgres';

interface Answers {
  ready: { status: number; body: { status: string; message?: string } };
  /** `GET /v1/entries`: a read, authenticated by a key whose lookup used to write. */
  entries: number;
  charge: number;
}

/** What a read-only ledger answers: readiness, a read with a valid key, and a charge. */
async function ask(url: string, key: string): Promise<Answers> {
  const readyz = await fetch(`${url}/readyz`);
  const entries = await fetch(`${url}/v1/entries`, { headers: { authorization: `Bearer ${key}` } });
  const charge = await fetch(`${url}/v1/usage`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ key: 'ro', millicredits: 1 }) });
  return { ready: { status: readyz.status, body: (await readyz.json()) as Answers['ready']['body'] }, entries: entries.status, charge: charge.status };
}

describe('readiness on a read-only SQLite data folder', function () {
  this.timeout(60_000);
  let dir: string;
  let writer: LedgerStore | null = null;
  let restore: (() => void) | null = null;
  let service: RunningService | null = null;
  afterEach(async () => {
    await service?.stop();
    await writer?.close();
    restore?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports not ready with the reason, while entries are still read', async () => {
    dir = mkdtempSync(join(tmpdir(), 'n8c-ready-'));
    const config = resolveConfig({ port: 0, dataDir: dir, logLevel: 'silent' }, {}, '/');
    // Another process keeps the ledger open (its WAL files stay), as after a crash: SQLite then opens the read-only
    // folder read-only instead of refusing, and `serve` starts.
    writer = await openStore(config);
    const key = (await bootstrap(writer)).adminKey!;
    restore = makeReadOnly(dir);
    service = await startService(config);
    const answers = await ask(service.url, key);
    assert.deepEqual([answers.ready.status, answers.ready.body.status, answers.entries, answers.charge], [503, 'database-read-only', 200, 503]);
    assert.match(answers.ready.body.message ?? '', /SQLITE_READONLY/);
  });
});

describe('readiness on PostgreSQL with a role that may only read', function () {
  this.timeout(60_000);

  it('reports not ready with the reason, while entries are still read', async () => {
    const url = await testDatabaseUrl();
    const schema = freshSchemaName('ledger_ready');
    const role = `${schema}_reader`;
    const writer = new PostgresLedgerStore({ connectionString: url, schema, maxConnections: 2 });
    await writer.migrate();
    const key = (await bootstrap(writer)).adminKey!;
    // As a replica's or a reporting role's login: SELECT on the ledger's tables and nothing else (trust auth here).
    for (const sql of [`CREATE ROLE "${role}" LOGIN`, `GRANT USAGE ON SCHEMA "${schema}" TO "${role}"`, `GRANT SELECT ON ALL TABLES IN SCHEMA "${schema}" TO "${role}"`]) await writer.db.run(sql);
    const readerUrl = new URL(url);
    readerUrl.username = role;
    const reader = new PostgresLedgerStore({ connectionString: readerUrl.toString(), schema, maxConnections: 2 });
    const { app } = await buildApp({ store: reader });
    try {
      const answers = await ask(await app.listen({ host: '127.0.0.1', port: 0 }), key);
      assert.deepEqual([answers.ready.status, answers.ready.body.status, answers.entries], [503, 'database-read-only', 200]);
      assert.match(answers.ready.body.message ?? '', /42501|permission denied/);
      assert.ok(answers.charge >= 500, `a charge on a read-only database answered ${answers.charge}`);
    } finally {
      await app.close();
      await reader.close();
      await dropSchema(url, schema);
      await writer.db.run(`DROP ROLE IF EXISTS "${role}"`);
      await writer.close();
    }
  });
});
