import { escapeLiteral, Pool, types, type PoolClient, type PoolConfig, type QueryResult } from 'pg';
import { NeedsLock, type Db, type Row, type SqlValue, type Tx } from './db';

// BIGINT (oid 20) and COUNT/SUM results arrive as strings; the ledger's amounts are safe integers.
const INT8 = 20;
const NUMERIC = 1700;
const parseInteger = (value: string): number => Number(value);

/** `?` → `$1, $2, …` (the ledger's SQL has no `?` inside string literals). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** `?` placeholders replaced by literals: numbers as digits, strings escaped, null as NULL. */
function inline(sql: string, params: SqlValue[]): string {
  let n = 0;
  return sql.replace(/\?/g, () => {
    const value = params[n++];
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new RangeError(`cannot inline ${value}`);
      return String(value);
    }
    return escapeLiteral(value);
  });
}

/**
 * The PostgreSQL side of `Db` over a `pg` pool. Statements are named, so each connection parses
 * them once. Transactions lock the rows they read with `FOR UPDATE`, so several processes can
 * share one database; a serialization failure or deadlock is retried.
 */
export class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;
  readonly lockSuffix = ' FOR UPDATE';
  private readonly pool: Pool;
  private readonly names = new Map<string, { name: string; text: string }>();

  constructor(config: PoolConfig, schema: string | null) {
    this.pool = new Pool({
      ...config,
      // The schema goes into the startup packet, so no extra query races the first statement.
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8 || oid === NUMERIC ? parseInteger : types.getTypeParser(oid, format as 'text')) as typeof types.getTypeParser,
      },
    });
    // A connection the server drops (a restart, a failover) emits 'error' outside any query; without a
    // listener that kills the process. The pool discards the client and the next query reconnects; a
    // query in flight gets the error itself and its request answers 503.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  private statement(sql: string): { name: string; text: string } {
    let named = this.names.get(sql);
    if (!named) {
      named = { name: `l${this.names.size}`, text: numbered(sql) };
      this.names.set(sql, named);
    }
    return named;
  }

  /**
   * A Tx on one client. In a transaction, BEGIN is not sent on its own: it rides along with the
   * first statement (a `batch` prepends it), and a `batch` with `commit` ends the transaction in
   * the same round trip, so a charge costs two round trips and holds its lock for about one.
   */
  private txOn(client: Pick<PoolClient, 'query'>, state: { begin: boolean; committed: boolean } = { begin: false, committed: false }): Tx {
    const query = async (sql: string, params: SqlValue[]) => {
      if (state.begin) {
        state.begin = false;
        await client.query('BEGIN');
      }
      const { name, text } = this.statement(sql);
      return client.query({ name, text, values: params });
    };
    return {
      all: async (sql, params = []) => (await query(sql, params)).rows as Row[],
      get: async (sql, params = []) => (await query(sql, params)).rows[0] as Row | undefined,
      run: async (sql, params = []) => (await query(sql, params)).rowCount ?? 0,
      batch: async (statements, options = {}) => {
        const parts = statements.map(([sql, params]) => inline(sql, params));
        const skip = state.begin ? 1 : 0;
        if (state.begin) parts.unshift('BEGIN');
        if (options.commit) parts.push('COMMIT');
        state.begin = false;
        const results = (await client.query(parts.join(';\n'))) as unknown as QueryResult | QueryResult[];
        if (options.commit) state.committed = true;
        const list = Array.isArray(results) ? results : [results];
        return list.slice(skip, skip + statements.length).map((r) => r.rows as Row[]);
      },
    };
  }

  all(sql: string, params: SqlValue[] = []): Promise<Row[]> {
    return this.withClient((tx) => tx.all(sql, params));
  }

  get(sql: string, params: SqlValue[] = []): Promise<Row | undefined> {
    return this.withClient((tx) => tx.get(sql, params));
  }

  run(sql: string, params: SqlValue[] = []): Promise<number> {
    return this.withClient((tx) => tx.run(sql, params));
  }

  batch(statements: Array<[string, SqlValue[]]>): Promise<Row[][]> {
    return this.withClient((tx) => tx.batch(statements));
  }

  private async withClient<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await work(this.txOn(client));
    } finally {
      client.release();
    }
  }

  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      const state = { begin: true, committed: false };
      try {
        const result = await work(this.txOn(client, state));
        if (!state.begin && !state.committed) await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (error as { code?: string }).code;
        // 40001 serialization failure, 40P01 deadlock, 23505 a concurrent insert of the same key: try again.
        if ((code === '40001' || code === '40P01' || code === '23505') && attempt < 20) continue;
        throw error;
      } finally {
        client.release();
      }
    }
  }

  async optimistic<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const client = await this.pool.connect();
      try {
        return await work(this.txOn(client));
      } catch (error) {
        const code = (error as { code?: string }).code;
        // 22012: a guard found the row changed since it was read; 23505: the same key was just recorded.
        if (code === '22012' || code === '23505' || code === '40001' || code === '40P01') continue;
        throw error;
      } finally {
        client.release();
      }
    }
    // Heavy contention on one workspace: take the lock instead of guessing again.
    throw new NeedsLock();
  }

  async insertReturningIds(tx: Tx, table: string, columns: string[], rows: SqlValue[][]): Promise<number[]> {
    if (rows.length === 0) return [];
    const values = rows.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    const result = await tx.all(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values} RETURNING id`, rows.flat());
    return result.map((r) => Number(r.id));
  }

  async exec(tx: Tx, script: string): Promise<void> {
    // A multi-statement script goes through the simple query protocol (no name, no parameters).
    await (tx as unknown as { raw?: (s: string) => Promise<void> }).raw?.(script);
  }

  /** A transaction whose Tx can also run a raw script (for migrations). */
  async migrationTransaction<T>(work: (tx: Tx & { raw(script: string): Promise<void> }) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Several processes may start at once: one migrates, the others wait here and then find it done.
      await client.query('SELECT pg_advisory_xact_lock(727274)');
      const tx = Object.assign(this.txOn(client), { raw: async (script: string) => void (await client.query(script)) });
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
