/** The state one workspace transaction works on, and the small helpers that read it. */
import { type EntryDraft, type GrantState, type MemberState, type WorkspaceState } from '../rows';

/** State of one workspace inside one transaction: loaded once, changed in memory, written back once. */
export interface Context {
  ws: WorkspaceState;
  now: number;
  grants: GrantState[];
  dirtyGrants: Set<GrantState>;
  members: Map<string, MemberState>;
  dirtyMembers: Set<MemberState>;
  failures: Map<string, number>;
  seen: Map<string, EntryDraft>;
  drafts: EntryDraft[];
  /** Entries already recorded under the keys of this call; null when not preloaded. */
  existing: Map<string, EntryDraft> | null;
  /** Read without a lock: `flush` writes deltas guarded by what was read (PostgreSQL). */
  optimistic: boolean;
  /** What was read, for the guards of an optimistic flush. */
  read: { ws: WorkspaceState; grants: Map<string, number>; members: Map<string, { periodStart: number; periodConsumed: number }> };
  /** SQLite charges: every grant with credits left (also not yet or no longer usable), to remember after the write. */
  held: GrantState[] | null;
  snapshot: { generation: number; dataVersion: number } | null;
  /** PostgreSQL optimistic write: the total available read after the write, with what others committed before it. */
  freshAvailable?: number;
}

/** SQLite: a workspace and its grants with credits left as the last charge transaction wrote them. */
export interface Remembered {
  generation: number;
  dataVersion: number;
  states: Map<string, { ws: WorkspaceState; held: GrantState[] }>;
}

const entriesByKeys: string[] = [];
/** The SELECT of the entries under `n` keys, built once per `n` (the statement cache is keyed by the text). */
export function entriesByKeysSql(n: number): string {
  return (entriesByKeys[n] ??= `SELECT * FROM entries WHERE workspace_id = ? AND entry_key IN (${Array.from({ length: n }, () => '?').join(', ')})`);
}

/** Whether a grant may be drawn on at `now`. */
export const usableAt = (g: GrantState, now: number) => g.remaining > 0 && g.effectiveAt <= now && (g.expiresAt === null || g.expiresAt > now);

/** The grants a workspace may draw on at a time (`?` workspace, now, now): the one text, so the statement cache holds it once. */
export const USABLE_GRANTS_SQL = 'SELECT * FROM grants WHERE workspace_id = ? AND remaining > 0 AND effective_at <= ? AND (expires_at IS NULL OR expires_at > ?)';
