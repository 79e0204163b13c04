// Group commit for behaviour events. One INSERT per event costs a commit (an fsync on
// PostgreSQL) each; instead every request puts its events in a shared buffer and awaits the
// flush that carries them: one multi-row statement (`unnest` of column arrays) for everything
// that arrived meanwhile. Under load the batches grow by themselves — whatever arrives while one
// flush is committing goes into the next — and a request still gets its answer only after its
// events are committed. Duplicates are dropped by the unique key (actor, client event id).
//
// Most flushes hold only new events, so they are appended with the plain statement; a flush
// that repeats a key this process stored lately (a client retrying a batch) goes to the checking
// statement at once, and one that meets a key stored elsewhere (another process, before a
// restart) fails whole and is written again with the checking statement.
import { isUniqueViolation, type Db } from '../../platform/db/index.ts';
import { appendNew, insertEvents, keyOf, type EventRow } from './insert.ts';

interface Waiting {
  rows: readonly EventRow[];
  resolve(fresh: boolean[]): void;
  reject(err: unknown): void;
}

export interface WriterOptions {
  /** Flush at once when this many events wait. */
  flushEvents: number;
  /** Else flush this long after the first waiting event arrived (more requests join meanwhile). */
  flushMs: number;
  /** Flushes running at once: 1 on PGlite (one connection anyway), more on PostgreSQL's pool. */
  maxInFlight: number;
  /** Stored with each row: this process (its engine gets the rows from `committed`, not the log). */
  origin?: string;
}

export class EventWriter {
  private waiting: Waiting[] = [];
  private waitingRows = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private idle: Array<() => void> = [];
  private readonly recent = new RecentKeys();
  private readonly listeners: Array<(rows: EventRow[]) => void> = [];

  constructor(
    private readonly db: Db,
    private readonly opts: WriterOptions,
  ) {}

  /** Resolves once the rows are committed: for each row, whether it was new (else a duplicate). */
  write(rows: readonly EventRow[]): Promise<boolean[]> {
    if (rows.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      this.waitingRows += rows.length;
      this.schedule();
    });
  }

  /** Calls `fn` with the new rows of every flush, once committed, in commit order. */
  committed(fn: (rows: EventRow[]) => void): void {
    this.listeners.push(fn);
  }

  /** Resolves when nothing waits and nothing is being written (shutdown). */
  async drain(): Promise<void> {
    if (this.inFlight === 0 && this.waiting.length === 0) return;
    await new Promise<void>((r) => this.idle.push(r));
  }

  private schedule(): void {
    if (this.waiting.length === 0 || this.inFlight >= this.opts.maxInFlight) return;
    if (this.waitingRows >= this.opts.flushEvents) {
      this.flushNow();
      return;
    }
    this.timer ??= setTimeout(() => this.flushNow(), this.opts.flushMs);
  }

  private flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.waiting.length === 0 || this.inFlight >= this.opts.maxInFlight) return;
    // Whole requests, up to about flushEvents rows: a request's rows are never split.
    const batch: Waiting[] = [];
    let n = 0;
    while (this.waiting.length > 0 && (n === 0 || n + this.waiting[0]!.rows.length <= this.opts.flushEvents)) {
      const w = this.waiting.shift()!;
      batch.push(w);
      n += w.rows.length;
    }
    this.waitingRows -= n;
    this.inFlight++;
    void this.flush(batch).finally(() => {
      this.inFlight--;
      // Whatever arrived during this flush goes now: it has waited long enough.
      if (this.waiting.length > 0) this.flushNow();
      else if (this.inFlight === 0) for (const r of this.idle.splice(0)) r();
    });
    // A second flush may start now if enough is waiting and a slot is free.
    this.schedule();
  }

  private async flush(batch: Waiting[]): Promise<void> {
    try {
      const rows = batch.flatMap((w) => w.rows);
      const fresh = await this.store(rows);
      if (this.listeners.length) {
        const stored = rows.filter((_, i) => fresh[i]);
        // Listeners must not throw (the host catches its own); a throw here would fail a committed write.
        for (const fn of this.listeners) try { fn(stored); } catch { /* see above */ }
      }
      let at = 0;
      for (const w of batch) {
        w.resolve(fresh.slice(at, at + w.rows.length));
        at += w.rows.length;
      }
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }

  private async store(rows: EventRow[]): Promise<boolean[]> {
    const keys = rows.map((r) => hashOf(keyOf(r)));
    let fresh: boolean[] | null = null;
    if (!keys.some((k) => this.recent.has(k))) {
      try {
        fresh = await appendNew(this.db, rows, this.opts.origin ?? null);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
    fresh ??= await insertEvents(this.db, rows, this.opts.origin ?? null);
    for (const k of keys) this.recent.add(k);
    return fresh;
  }
}

/** 32-bit FNV-1a: the recent-keys memory holds numbers, not strings (a collision only costs the checking statement). */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The keys of the last 200,000 to 400,000 events stored, in two generations (about 16 MB at most). */
class RecentKeys {
  private current = new Set<number>();
  private previous = new Set<number>();

  has(k: number): boolean {
    return this.current.has(k) || this.previous.has(k);
  }

  add(k: number): void {
    this.current.add(k);
    if (this.current.size >= 200_000) {
      this.previous = this.current;
      this.current = new Set();
    }
  }
}
