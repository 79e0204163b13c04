// Bookkeeping for the room hub: the per-user comment window and the interaction batch.

export interface Interaction {
  roomId: string;
  userId: string | null;
  kind: 'join' | 'leave' | 'comment' | 'like';
  /** With `like`: taps since the previous batch (one entry per user and room per batch). */
  n?: number;
  at: number;
}

/** Sliding-window limit: at most `max` accepted events per key per `windowMs`. */
export class SlidingWindow {
  /** key → accept times inside the window, oldest first. */
  private readonly times = new Map<string, number[]>();
  private lastSweep = Date.now();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Whole seconds until `key` may go again (0 = now). Counts nothing. */
  retryAfter(key: string, now: number): number {
    const t = this.times.get(key);
    if (!t) return 0;
    while (t.length > 0 && t[0]! <= now - this.windowMs) t.shift();
    return t.length < this.max ? 0 : Math.max(1, Math.ceil((t[0]! + this.windowMs - now) / 1000));
  }

  accept(key: string, now: number): void {
    const t = this.times.get(key);
    if (t) t.push(now);
    else this.times.set(key, [now]);
  }

  /** Forgets keys idle for a whole window (at most once per window). */
  sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, t] of this.times) if ((t[t.length - 1] ?? 0) <= now - this.windowMs) this.times.delete(key);
  }
}

/** Interactions since the last flush; likes summed per room and user. */
export class InteractionBatch {
  private batch: Interaction[] = [];
  /** `roomId \0 userId` → this batch's like entry for that user. */
  private likes = new Map<string, Interaction>();

  constructor(private readonly sink: ((batch: Interaction[]) => void) | undefined) {}

  record(roomId: string, userId: string | null, kind: 'join' | 'leave' | 'comment', at = Date.now()): void {
    if (this.sink) this.batch.push({ roomId, userId, kind, at });
  }

  like(roomId: string, userId: string, n: number, at: number): void {
    if (!this.sink) return;
    const key = `${roomId}\u0000${userId}`;
    const entry = this.likes.get(key);
    if (entry) entry.n = (entry.n ?? 0) + n;
    else {
      const e: Interaction = { roomId, userId, kind: 'like', n, at };
      this.likes.set(key, e);
      this.batch.push(e);
    }
  }

  flush(): void {
    if (this.batch.length === 0 || !this.sink) return;
    const batch = this.batch;
    this.batch = [];
    this.likes = new Map();
    try {
      this.sink(batch);
    } catch {
      // The caller's sink failed; the batch is dropped rather than growing without bound.
    }
  }
}
