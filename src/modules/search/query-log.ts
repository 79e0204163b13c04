// The query log: every successful search, normalised, with who asked and how many results it
// had. Writes are batched off the request path (a search never waits for its log row): entries
// queue in memory and go out in one INSERT per flush, at most every FLUSH_MS or BATCH rows.
import type { Db } from '../../platform/db/index.ts';
import type { Log } from '../../platform/log.ts';

const FLUSH_MS = 1000;
const BATCH = 500;
/** Beyond this many unwritten entries new ones are dropped (a stalled database must not eat memory). */
const MAX_QUEUED = 50_000;
export const QUERY_MAX_CHARS = 100;

/** Folded for counting: NFKC (full-width → ASCII), lower case, control characters and runs of space → one space. */
export function normaliseQuery(q: string): string {
  return q.normalize('NFKC').toLowerCase().replace(/[\p{Cc}\p{Cf}\s]+/gu, ' ').trim().slice(0, QUERY_MAX_CHARS);
}

interface Entry { q: string; userId: string | null; results: number; at: Date }

export class QueryLog {
  private queue: Entry[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  dropped = 0;

  constructor(
    private readonly db: Db,
    private readonly log: Log,
  ) {}

  record(q: string, userId: string | null, results: number): void {
    if (!q) return;
    if (this.queue.length >= MAX_QUEUED) {
      this.dropped++;
      return;
    }
    this.queue.push({ q, userId, results, at: new Date() });
    if (this.queue.length >= BATCH) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Writes what is queued; concurrent calls share one write at a time. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing) await this.flushing;
    if (this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.queue.length);
    this.flushing = this.db
      .query('INSERT INTO search_queries (q, user_id, results, at) SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[])', [
        batch.map((e) => e.q),
        batch.map((e) => e.userId),
        batch.map((e) => e.results),
        batch.map((e) => e.at.toISOString()),
      ])
      .then(() => undefined)
      .catch((err: unknown) => this.log.warn({ err, entries: batch.length }, 'search query log write failed'))
      .finally(() => {
        this.flushing = null;
      });
    await this.flushing;
  }

  /**
   * Queries with results asked since `sinceMs` (epoch ms), with how often: what a fresh or
   * restored index replays into its popular-query suggestions. Bounded to the most asked.
   */
  async popular(sinceMs: number, limit = 20_000): Promise<Array<{ q: string; n: number }>> {
    return this.db.query<{ q: string; n: number }>(
      `SELECT q, count(*)::int AS n FROM search_queries WHERE at > $1 AND results > 0 GROUP BY q ORDER BY n DESC, q LIMIT $2`,
      [new Date(sinceMs).toISOString(), limit],
    );
  }
}
