import Database from 'better-sqlite3';
import type { Db, Row, SqlValue, Tx } from './db';

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
  private queue: Promise<unknown> = Promise.resolve();
  private readonly direct: Tx;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 60000');
    this.db.pragma('foreign_keys = ON');
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
    return this.serialize(() => this.direct.all(sql, params));
  }

  get(sql: string, params: SqlValue[] = []): Promise<Row | undefined> {
    return this.serialize(() => this.direct.get(sql, params));
  }

  run(sql: string, params: SqlValue[] = []): Promise<number> {
    return this.serialize(() => this.direct.run(sql, params));
  }

  batch(statements: Array<[string, SqlValue[]]>): Promise<Row[][]> {
    return this.serialize(() => this.direct.batch(statements));
  }

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.serialize(async () => {
      this.prepare('BEGIN IMMEDIATE').run();
      try {
        const result = await work(this.direct);
        this.prepare('COMMIT').run();
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.prepare('ROLLBACK').run();
        throw error;
      }
    });
  }

  async insertReturningIds(tx: Tx, table: string, columns: string[], rows: SqlValue[][]): Promise<number[]> {
    const statement = this.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    return rows.map((row) => Number(statement.run(...row).lastInsertRowid));
  }

  async exec(_tx: Tx, script: string): Promise<void> {
    this.db.exec(script);
  }

  async close(): Promise<void> {
    await this.serialize(async () => this.db.close());
  }
}
