import Database from 'better-sqlite3';
import type { Db, Row, SqlValue, Tx } from './db';

/**
 * The connection settings, applied once per connection (the benchmark gives its plain connection the
 * same). WAL with `synchronous=NORMAL`: a commit appends to the log without waiting for the disk;
 * only checkpoints (every 1,000 pages, the default) sync. The 16 MB page cache and in-memory temp
 * tables only save reads. (A larger `wal_autocheckpoint` was measured and bought nothing here.)
 */
export const sqliteSettings = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'busy_timeout = 60000',
  'foreign_keys = ON',
  'cache_size = -16000',
  'temp_store = MEMORY',
];

/**
 * The SQLite side of `Db` over one better-sqlite3 connection: WAL, `synchronous=NORMAL`, statements
 * prepared once and cached. Transactions are `BEGIN IMMEDIATE` (the write lock is taken at once, so
 * other processes on the same file wait through `busy_timeout` instead of failing), and are run one
 * at a time in this process because they span `await`s on a single connection.
 */
export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  readonly lockSuffix = '';
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly inserts = new Map<string, WeakMap<string[], Database.Statement>>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly direct: Tx;
  /** Bumped by every piece of work that may write, and by every rollback (see `snapshot`). */
  private generation = 0;
  private readonly dataVersion: Database.Statement;

  constructor(path: string) {
    this.db = new Database(path);
    for (const setting of sqliteSettings) this.db.pragma(setting);
    this.dataVersion = this.db.prepare('PRAGMA data_version').pluck();
    this.direct = {
      all: async (sql, params = []) => this.prepare(sql).all(...params) as Row[],
      get: async (sql, params = []) => this.prepare(sql).get(...params) as Row | undefined,
      run: async (sql, params = []) => this.prepare(sql).run(...params).changes,
      // One connection, no round trips: statements simply run in order (COMMIT stays with transaction()).
      batch: async (statements) =>
        statements.map(([sql, params]) => {
          const statement = this.prepare(sql);
          return statement.reader ? (statement.all(...params) as Row[]) : (statement.run(...params), []);
        }),
    };
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs `work` after every earlier queued piece of work has finished. */
  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  all(sql: string, params: SqlValue[] = []): Promise<Row[]> {
    return this.serialize(() => (this.noteWrite(sql), this.direct.all(sql, params)));
  }

  get(sql: string, params: SqlValue[] = []): Promise<Row | undefined> {
    return this.serialize(() => (this.noteWrite(sql), this.direct.get(sql, params)));
  }

  /** A statement run outside a transaction that may write (an UPDATE … RETURNING) starts a new generation. */
  private noteWrite(sql: string): void {
    if (!this.prepare(sql).readonly) this.generation++;
  }

  run(sql: string, params: SqlValue[] = []): Promise<number> {
    return this.serialize(() => (this.generation++, this.direct.run(sql, params)));
  }

  batch(statements: Array<[string, SqlValue[]]>): Promise<Row[][]> {
    return this.serialize(() => (this.generation++, this.direct.batch(statements)));
  }

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.serialize(async () => {
      this.generation++;
      this.prepare('BEGIN IMMEDIATE').run();
      try {
        const result = await work(this.direct);
        this.prepare('COMMIT').run();
        return result;
      } catch (error) {
        // Whatever the work remembered of this transaction is void now.
        this.generation++;
        if (this.db.inTransaction) this.prepare('ROLLBACK').run();
        throw error;
      }
    });
  }

  /**
   * Inside a transaction: this connection's write generation and SQLite's `data_version`, which
   * changes only when another connection (or process) commits. A transaction whose generation is
   * one more than the previous one's, with the same data version, sees exactly what that previous
   * transaction left: nothing else wrote in between.
   */
  snapshot(): { generation: number; dataVersion: number } {
    return { generation: this.generation, dataVersion: Number(this.dataVersion.get()) };
  }

  async insertReturningIds(tx: Tx, table: string, columns: string[], rows: SqlValue[][]): Promise<number[]> {
    const statement = this.insertStatement(table, columns);
    return rows.map((row) => Number(statement.run(...row).lastInsertRowid));
  }

  /** The single-row INSERT for `table` and `columns` (by array identity), its SQL built once: a charge inserts on every call. */
  private insertStatement(table: string, columns: string[]): Database.Statement {
    let byColumns = this.inserts.get(table);
    if (!byColumns) this.inserts.set(table, (byColumns = new WeakMap()));
    let statement = byColumns.get(columns);
    if (!statement) {
      statement = this.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      byColumns.set(columns, statement);
    }
    return statement;
  }

  async exec(_tx: Tx, script: string): Promise<void> {
    this.db.exec(script);
  }

  async close(): Promise<void> {
    await this.serialize(async () => this.db.close());
  }
}
