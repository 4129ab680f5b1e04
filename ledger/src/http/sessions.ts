import { randomToken } from './keys';

/** One signed-in browser: the hash of the key it signed in with and its CSRF token. */
export interface Session {
  keyHash: string;
  csrf: string;
  expiresAt: number;
}

/**
 * Browser sessions of the billing page, held in this process's memory under random ids. The key
 * itself is never kept: only its hash, looked up again on every request so a revoked key ends the session.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly ttlMs: number = 12 * 60 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a session and returns its id. */
  create(keyHash: string): { id: string; session: Session } {
    this.sweep();
    const id = randomToken();
    const session = { keyHash, csrf: randomToken(18), expiresAt: this.now() + this.ttlMs };
    this.sessions.set(id, session);
    return { id, session };
  }

  /** The live session under `id`, or undefined. */
  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  delete(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
  }
}
