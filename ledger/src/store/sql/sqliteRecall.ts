/**
 * SQLite's fast path for charges: a charge transaction may reuse the workspace and grants the previous one on
 * this connection wrote, when nothing else wrote since (`Db.snapshot`), instead of reading them again.
 */
import type { Db } from '../db';
import type { GrantState, WorkspaceState } from '../rows';
import { type Context, type Remembered } from './context';

export class SqliteRecall {
  /** What the previous charge transaction on this connection left. */
  private remembered: Remembered | null = null;

  /** The snapshot of this transaction and, when nothing else wrote since the last, what it left of `workspaceId`. */
  recall(db: Db, workspaceId: string): { snapshot: { generation: number; dataVersion: number } | null; known: { ws: WorkspaceState; held: GrantState[] } | undefined } {
    const snapshot = db.snapshot ? db.snapshot() : null;
    const r = this.remembered;
    const known = snapshot && r && r.generation === snapshot.generation - 1 && r.dataVersion === snapshot.dataVersion ? r.states.get(workspaceId) : undefined;
    return { snapshot, known };
  }

  /** SQLite: keeps what this charge transaction leaves, for the next one on this connection (see `open`). */
  remember(ctx: Context): void {
    const snapshot = ctx.snapshot;
    if (!snapshot || !ctx.held) return;
    let remembered = this.remembered;
    if (!remembered || remembered.generation !== snapshot.generation) {
      remembered = { generation: snapshot.generation, dataVersion: snapshot.dataVersion, states: new Map() };
      this.remembered = remembered;
    }
    remembered.states.set(ctx.ws.id, { ws: ctx.ws, held: ctx.held.every((g) => g.remaining > 0) ? ctx.held : ctx.held.filter((g) => g.remaining > 0) });
  }
}
