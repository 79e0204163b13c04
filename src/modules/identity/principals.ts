// Who a session token belongs to, remembered for a few seconds. Every request of a signed-in
// user needs its principal, and looking it up was one database round trip per request (in a
// flash sale, a third of all statements). A sign-out or a change of roles forgets the entry at
// once in this process and, through the event `identity.principal.changed`, in every other api
// process; the time limit only bounds what a lost event could leave behind.
import type { Principal } from '../../platform/http/access.ts';

export const PRINCIPAL_CHANGED = 'identity.principal.changed';
/** The event: a session ended, or a user's roles changed (all their sessions). */
export interface PrincipalChanged {
  sessionId?: string;
  userId?: string;
}

interface Entry {
  principal: Principal;
  until: number;
}

export class PrincipalCache {
  private readonly byToken = new Map<string, Entry>();
  /** Counts forgets: a lookup that began before one may have read what it ended, and is not kept. */
  private epoch = 0;

  constructor(
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 100_000,
  ) {}

  get(tokenHash: string, now = Date.now()): Principal | null {
    const e = this.byToken.get(tokenHash);
    if (!e) return null;
    if (e.until <= now) {
      this.byToken.delete(tokenHash);
      return null;
    }
    return e.principal;
  }

  /** Where a lookup begins: pass it to `set`. */
  mark(): number {
    return this.epoch;
  }

  /**
   * Kept until the time limit or the session's own expiry, whichever comes first; not kept if
   * something was forgotten since `mark` (a sign-out that committed while the lookup read).
   */
  set(tokenHash: string, principal: Principal, sessionExpires: number, mark: number, now = Date.now()): void {
    if (this.ttlMs <= 0 || mark !== this.epoch) return;
    // Oldest first out (a Map iterates in insertion order): a flood of tokens cannot grow it.
    if (this.byToken.size >= this.maxEntries) this.byToken.delete(this.byToken.keys().next().value!);
    this.byToken.delete(tokenHash);
    this.byToken.set(tokenHash, { principal, until: Math.min(now + this.ttlMs, sessionExpires) });
  }

  forget(change: PrincipalChanged): void {
    this.epoch++;
    for (const [hash, e] of this.byToken) {
      if (e.principal.sessionId === change.sessionId || e.principal.userId === change.userId) this.byToken.delete(hash);
    }
  }

  get size(): number {
    return this.byToken.size;
  }
}
