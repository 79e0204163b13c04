// Durable background jobs in the database: enqueue inside a business transaction, run by a
// worker loop that claims with FOR UPDATE SKIP LOCKED (safe with many workers on PostgreSQL),
// retries with exponential backoff, gives up after max attempts ("dead", visible to operators),
// and survives restarts: a job whose worker died is reclaimed when its lock expires (a live
// worker renews the locks of the jobs it runs, so a long job is never run twice at once).
import type { Log } from '../log.ts';
import type { Db, Queryable, Tx } from '../db/index.ts';
import { newId } from '../ids.ts';
import { currentRequestId, withRequestId } from '../context.ts';

export type JobHandler<P = unknown> = (payload: P, ctx: { jobId: string; attempt: number; signal: AbortSignal }) => Promise<unknown>;

interface Registered {
  handler: JobHandler;
  timeoutMs: number;
}

/** A pool of worker slots: the shared one, or a kind's own (heavy work such as transcoding). */
interface Lane {
  limit: number;
  active: number;
  kinds: string[];
}

export interface JobOptions {
  pollMs: number;
  concurrency: number;
  maxAttempts: number;
  baseBackoffMs: number;
  lockSeconds: number;
}

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** Natural key: enqueueing the same key twice creates one job. */
  dedupeKey?: string;
}

export interface JobRow {
  id: string;
  request_id: string | null;
  kind: string;
  status: string;
  attempts: number;
  max_attempts: number;
  run_at: Date;
  last_error: string | null;
  result: unknown;
  payload: unknown;
  created_at: Date;
  finished_at: Date | null;
}

export class JobQueue {
  private handlers = new Map<string, Registered>();
  private readonly shared: Lane;
  private lanes: Lane[];
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private inFlight = new Set<Promise<void>>();
  /** Running jobs' abort controllers: shutdown hands back what does not finish in time. */
  private readonly running = new Map<string, AbortController>();
  private handingBack = false;
  /** Kinds enqueued due now since the last wake-up, and whether one is scheduled. */
  private waking = new Set<string>();
  private wakeQueued = false;
  /** Told of every failed run (metrics). */
  onFailure: (kind: string, dead: boolean) => void = () => {};
  private readonly workerId = `w-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly db: Db,
    private readonly opts: JobOptions,
    private readonly log?: Log,
  ) {
    this.shared = { limit: opts.concurrency, active: 0, kinds: [] };
    this.lanes = [this.shared];
  }

  /**
   * concurrency: the kind gets its own slots (at most this many at once, on this worker) instead
   * of sharing the common ones, so minutes of ffmpeg never hold back a payment webhook.
   */
  register<P>(kind: string, handler: JobHandler<P>, opts: { timeoutMs?: number; concurrency?: number } = {}): void {
    this.handlers.set(kind, { handler: handler as JobHandler, timeoutMs: opts.timeoutMs ?? 60_000 });
    for (const lane of this.lanes) lane.kinds = lane.kinds.filter((k) => k !== kind);
    this.lanes = this.lanes.filter((l) => l === this.shared || l.kinds.length > 0);
    if (opts.concurrency) this.lanes.push({ limit: opts.concurrency, active: 0, kinds: [kind] });
    else this.shared.kinds.push(kind);
  }

  async enqueue(q: Queryable, kind: string, payload: unknown, opts: EnqueueOptions = {}): Promise<string> {
    const id = newId('job');
    const rows = await q.query<{ id: string }>(
      `INSERT INTO jobs (id, kind, payload, max_attempts, run_at, dedupe_key, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (dedupe_key) DO UPDATE SET dedupe_key = EXCLUDED.dedupe_key RETURNING id`,
      [id, kind, JSON.stringify(payload ?? {}), opts.maxAttempts ?? this.opts.maxAttempts, opts.runAt ?? new Date(), opts.dedupeKey ?? null, currentRequestId()],
    );
    this.wake(q, [{ kind, ...(opts.runAt ? { runAt: opts.runAt } : {}) }]);
    return rows[0]!.id;
  }

  /** Several jobs in one statement; a job whose dedupe key exists already is left as it is. */
  async enqueueMany(q: Queryable, jobs: Array<{ kind: string; payload: unknown; runAt?: Date; dedupeKey?: string }>): Promise<void> {
    if (jobs.length === 0) return;
    const part = this.insertMany(jobs, 1);
    await q.query(part.sql, part.params);
    this.wake(q, jobs);
  }

  /**
   * enqueueMany as a part of the caller's own statement (a data-modifying CTE), its parameters
   * numbered from `first`: a batched writer saves the round trip.
   */
  enqueuePart(tx: Tx, jobs: Array<{ kind: string; payload: unknown; runAt?: Date; dedupeKey?: string }>, first: number): { sql: string; params: unknown[] } {
    this.wake(tx, jobs);
    return this.insertMany(jobs, first);
  }

  private insertMany(jobs: Array<{ kind: string; payload: unknown; runAt?: Date; dedupeKey?: string }>, first: number): { sql: string; params: unknown[] } {
    const p = (k: number) => `$${first + k}`;
    return {
      sql: `INSERT INTO jobs (id, kind, payload, max_attempts, run_at, dedupe_key, request_id)
            SELECT id, kind, payload, ${p(3)}::int, run_at, dedupe_key, ${p(6)}::text FROM unnest(${p(0)}::text[], ${p(1)}::text[], ${p(2)}::jsonb[], ${p(4)}::timestamptz[], ${p(5)}::text[]) AS j (id, kind, payload, run_at, dedupe_key)
            ON CONFLICT (dedupe_key) DO NOTHING`,
      params: [jobs.map(() => newId('job')), jobs.map((j) => j.kind), jobs.map((j) => JSON.stringify(j.payload ?? {})), this.opts.maxAttempts, jobs.map((j) => (j.runAt ?? new Date()).toISOString()), jobs.map((j) => j.dedupeKey ?? null), currentRequestId()],
    };
  }

  /**
   * Jobs due now are claimed at once instead of at the next poll: after the enqueuing
   * transaction commits (before, the claim could not see them), one claim per lane that runs
   * them however many were enqueued meanwhile. Jobs due later (an unpaid order's expiry, 15
   * minutes on) wake nobody: a flash sale enqueues thousands and each claim would find nothing.
   */
  private wake(q: Queryable, jobs: Array<{ kind: string; runAt?: Date }>): void {
    const soon = Date.now() + 50;
    const kinds = jobs.filter((j) => !j.runAt || j.runAt.getTime() <= soon).map((j) => j.kind);
    if (kinds.length === 0) return;
    const go = () => {
      for (const k of kinds) this.waking.add(k);
      if (this.wakeQueued) return;
      this.wakeQueued = true;
      setImmediate(() => {
        this.wakeQueued = false;
        const due = this.waking;
        this.waking = new Set();
        if (this.stopped) return;
        for (const lane of this.lanes) if (lane.kinds.some((k) => due.has(k))) this.tickLane(lane);
      });
    };
    if ('afterCommit' in q && typeof q.afterCommit === 'function') (q as Tx).afterCommit(go);
    else go();
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.tick(), this.opts.pollMs);
    this.timer.unref();
    this.tick();
  }

  /**
   * Stops claiming and waits for the running jobs; those still running after `graceMs` are
   * aborted and handed back (queued again at once, the attempt not counted) for another worker.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    // Claims in progress are in flight too: the jobs they return still run (they are ours now),
    // and only then may the caller close the database.
    const settled = (async () => {
      while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    })();
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([settled.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), graceMs)))]);
    clearTimeout(timer);
    if (late) {
      this.handingBack = true;
      for (const ac of this.running.values()) ac.abort();
      await settled;
    }
  }

  /** Runs due jobs until none is left (tests, CLI). */
  async drain(): Promise<void> {
    for (;;) {
      await Promise.all([...this.inFlight]);
      const claimed = (await Promise.all(this.lanes.map((l) => this.claim(l.limit, l.kinds)))).flat();
      if (claimed.length === 0 && this.inFlight.size === 0) return;
      await Promise.all(claimed.map((j) => this.run(j)));
    }
  }

  private tick(): void {
    if (this.stopped) return;
    for (const lane of this.lanes) this.tickLane(lane);
  }

  private tickLane(lane: Lane): void {
    const free = lane.limit - lane.active;
    if (free <= 0 || lane.kinds.length === 0) return;
    lane.active += free; // reserve slots while claiming
    const claiming: Promise<void> = this.claim(free, lane.kinds)
      .then((jobs) => {
        lane.active -= free - jobs.length;
        for (const job of jobs) {
          const p = this.run(job).finally(() => {
            lane.active--;
            this.inFlight.delete(p);
            if (!this.stopped) setImmediate(() => this.tickLane(lane));
          });
          this.inFlight.add(p);
        }
      })
      .catch((err: unknown) => {
        lane.active -= free;
        this.log?.error({ err }, 'job claim failed');
      })
      .finally(() => this.inFlight.delete(claiming));
    this.inFlight.add(claiming);
  }

  private async claim(n: number, kinds: string[]): Promise<Array<JobRow & { payload: unknown }>> {
    if (kinds.length === 0 || n <= 0) return [];
    return this.db.query<JobRow>(
      `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = $3, updated_at = now(),
              locked_until = now() + make_interval(secs => $4)
        WHERE id IN (SELECT id FROM jobs
                      WHERE kind = ANY($1::text[])
                        AND ((status = 'queued' AND run_at <= now()) OR (status = 'running' AND locked_until < now()))
                      ORDER BY run_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [kinds, n, this.workerId, this.opts.lockSeconds],
    );
  }

  private async run(job: JobRow): Promise<void> {
    const reg = this.handlers.get(job.kind);
    if (!reg) return;
    const ac = new AbortController();
    this.running.set(job.id, ac);
    let timer: NodeJS.Timeout | undefined;
    // The lock is renewed while the job runs, so a long job (a transcode) is never taken by a
    // second worker while the first still works on it; a worker that dies stops renewing.
    const renew = setInterval(() => {
      void this.db
        .query(`UPDATE jobs SET locked_until = now() + make_interval(secs => $3) WHERE id = $1 AND locked_by = $2 AND status = 'running'`, [job.id, this.workerId, this.opts.lockSeconds])
        .catch((err: unknown) => this.log?.warn({ err, jobId: job.id }, 'job lock not renewed'));
    }, Math.max(200, (this.opts.lockSeconds * 1000) / 3));
    renew.unref();
    try {
      const result = await Promise.race([
        withRequestId(job.request_id, () => reg.handler(job.payload, { jobId: job.id, attempt: job.attempts, signal: ac.signal })),
        new Promise((_, reject) => {
          timer = setTimeout(() => {
            reject(new Error(`timed out after ${reg.timeoutMs} ms`)); // first: the abort below would say only "aborted"
            ac.abort();
          }, reg.timeoutMs);
          ac.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        }),
      ]);
      await this.db.query(
        `UPDATE jobs SET status = 'succeeded', result = $2, last_error = NULL, locked_until = NULL, finished_at = now(), updated_at = now() WHERE id = $1 AND locked_by = $3`,
        [job.id, JSON.stringify(result ?? null), this.workerId],
      );
    } catch (err) {
      if (this.handingBack && ac.signal.aborted) {
        await this.db.query(
          `UPDATE jobs SET status = 'queued', attempts = GREATEST(attempts - 1, 0), locked_until = NULL, locked_by = NULL, run_at = now(), updated_at = now(),
                  last_error = 'handed back at shutdown' WHERE id = $1 AND locked_by = $2`,
          [job.id, this.workerId],
        );
        this.log?.info({ jobId: job.id, kind: job.kind }, 'job handed back at shutdown');
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      const dead = job.attempts >= job.max_attempts;
      const delayMs = this.opts.baseBackoffMs * 2 ** (job.attempts - 1);
      await this.db.query(
        `UPDATE jobs SET status = $2, last_error = $3, locked_until = NULL, updated_at = now(),
                run_at = now() + make_interval(secs => $4::double precision / 1000),
                finished_at = CASE WHEN $2 = 'dead' THEN now() ELSE NULL END
          WHERE id = $1 AND locked_by = $5`,
        [job.id, dead ? 'dead' : 'queued', message.slice(0, 2000), delayMs, this.workerId],
      );
      this.log?.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, dead, err: message, reqId: job.request_id ?? undefined }, 'job failed');
      this.onFailure(job.kind, dead);
    } finally {
      clearTimeout(timer);
      clearInterval(renew);
      this.running.delete(job.id);
    }
  }

  static async list(q: Queryable, filter: { status?: string; kind?: string; limit: number; offset: number }): Promise<{ items: JobRow[]; total: number }> {
    const where = `WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2)`;
    const params = [filter.status ?? null, filter.kind ?? null];
    const items = await q.query<JobRow>(`SELECT * FROM jobs ${where} ORDER BY created_at DESC LIMIT $3 OFFSET $4`, [...params, filter.limit, filter.offset]);
    const [{ total } = { total: 0 }] = await q.query<{ total: number }>(`SELECT count(*)::int AS total FROM jobs ${where}`, params);
    return { items, total };
  }
}
