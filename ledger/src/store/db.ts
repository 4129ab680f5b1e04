/**
 * The small SQL surface the ledger store needs, implemented once for SQLite (`./sqlite`) and once
 * for PostgreSQL (`./postgres`). SQL is written with `?` placeholders; the PostgreSQL driver numbers them.
 */
export type SqlValue = string | number | null;
export type Row = Record<string, unknown>;

export interface Tx {
  /** Rows of a SELECT (or of a statement with RETURNING). */
  all(sql: string, params?: SqlValue[]): Promise<Row[]>;
  /** First row or undefined. */
  get(sql: string, params?: SqlValue[]): Promise<Row | undefined>;
  /** Runs a statement; returns the number of rows it changed. */
  run(sql: string, params?: SqlValue[]): Promise<number>;
  /**
   * Runs several statements in order and returns each one's rows. PostgreSQL sends them in one
   * round trip (simple protocol, values inlined as escaped literals); `commit` appends COMMIT to
   * that same round trip, after which the transaction is over.
   */
  batch(statements: Array<[string, SqlValue[]]>, options?: { commit?: boolean }): Promise<Row[][]>;
}

export interface Db extends Tx {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs `work` in one transaction that holds the write lock on the rows it locks
   * (`lockSuffix` on a SELECT). Commits when `work` resolves, rolls back when it throws.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** `' FOR UPDATE'` on PostgreSQL; '' on SQLite, whose write transaction already excludes other writers. */
  readonly lockSuffix: string;
  /** Inserts rows into `table` and returns their generated `id`s in order. */
  insertReturningIds(tx: Tx, table: string, columns: string[], rows: SqlValue[][]): Promise<number[]>;
  /**
   * PostgreSQL only: runs `work` without an open transaction. Reads see committed data; each
   * `batch` is one atomic implicit transaction, so guarded writes (an UPDATE whose guard fails
   * raises division by zero) either all apply or none. Retried on a guard failure or a
   * concurrent insert of the same key; rejects with `OptimisticGaveUp` when retries run out.
   */
  optimistic?<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * SQLite only, inside a transaction: what tells whether the database is exactly as the previous
   * transaction on this connection left it (see `SqliteDb.snapshot`); lets a charge reuse the
   * workspace and grants it wrote instead of reading them again.
   */
  snapshot?(): { generation: number; dataVersion: number };
  /** Runs a migration's SQL script (several statements). */
  exec(tx: Tx, script: string): Promise<void>;
  close(): Promise<void>;
}

/** Thrown inside optimistic work to ask for the locking path instead (state must be advanced first). */
export class NeedsLock extends Error {
  constructor() {
    super('this change needs the workspace lock');
  }
}
