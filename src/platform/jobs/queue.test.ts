import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/support/db.ts';
import type { Db } from '../db/index.ts';
import { JobQueue } from './queue.ts';

let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(() => db.close());

const opts = { pollMs: 60_000, concurrency: 2, maxAttempts: 3, baseBackoffMs: 1, lockSeconds: 60 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jobRow = async (id: string) => (await db.query<{ status: string; attempts: number; last_error: string | null; result: unknown }>('SELECT status, attempts, last_error, result FROM jobs WHERE id = $1', [id]))[0]!;

describe('durable jobs', () => {
  it('runs a job and keeps its result', async () => {
    const q = new JobQueue(db, opts);
    q.register<{ a: number; b: number }>('test.add', async (p) => ({ sum: p.a + p.b }));
    const id = await q.enqueue(db, 'test.add', { a: 2, b: 3 });
    await q.drain();
    expect(await jobRow(id)).toMatchObject({ status: 'succeeded', attempts: 1, result: { sum: 5 } });
  });

  it('a job due now that is enqueued inside a transaction runs once it commits, without waiting for the poll', async () => {
    const q = new JobQueue(db, { ...opts, pollMs: 3_600_000 });
    q.register<{ n: number }>('test.soon', async (p) => ({ twice: p.n * 2 }));
    q.start();
    try {
      const ids = await db.tx(async (tx) => {
        const one = await q.enqueue(tx, 'test.soon', { n: 1 });
        await q.enqueueMany(tx, [{ kind: 'test.soon', payload: { n: 2 }, dedupeKey: 'test.soon:2' }]);
        // Due in an hour: this one waits for its time (the claim after the commit leaves it alone).
        await q.enqueueMany(tx, [{ kind: 'test.soon', payload: { n: 3 }, runAt: new Date(Date.now() + 3_600_000), dedupeKey: 'test.soon:3' }]);
        return [one];
      });
      await expect.poll(async () => (await jobRow(ids[0]!)).status, { timeout: 10_000 }).toBe('succeeded');
      const rows = await db.query<{ status: string; n: number }>(`SELECT status, (payload->>'n')::int AS n FROM jobs WHERE kind = 'test.soon' ORDER BY n`);
      await expect.poll(async () => (await db.query<{ status: string }>(`SELECT status FROM jobs WHERE dedupe_key = 'test.soon:2'`))[0]?.status, { timeout: 10_000 }).toBe('succeeded');
      expect(rows.find((r) => r.n === 3)?.status).toBe('queued');
    } finally {
      await q.stop();
    }
  });

  it('retries with backoff, then succeeds', async () => {
    const q = new JobQueue(db, opts);
    let n = 0;
    q.register('test.flaky', async () => {
      if (++n < 3) throw new Error(`try ${n}`);
      return 'ok';
    });
    const id = await q.enqueue(db, 'test.flaky', {});
    for (let i = 0; i < 6 && (await jobRow(id)).status !== 'succeeded'; i++) {
      await q.drain();
      await sleep(10);
    }
    expect(await jobRow(id)).toMatchObject({ status: 'succeeded', attempts: 3, last_error: null });
  });

  it('gives up after max attempts and says why', async () => {
    const q = new JobQueue(db, opts);
    q.register('test.broken', async () => {
      throw new Error('disk full');
    });
    const id = await q.enqueue(db, 'test.broken', {});
    for (let i = 0; i < 6; i++) {
      await q.drain();
      await sleep(10);
    }
    expect(await jobRow(id)).toMatchObject({ status: 'dead', attempts: 3, last_error: 'disk full' });
    const listed = await JobQueue.list(db, { status: 'dead', limit: 10, offset: 0 });
    expect(listed.items.map((j) => j.id)).toContain(id);
  });

  it('times out a job that hangs', async () => {
    const q = new JobQueue(db, { ...opts, maxAttempts: 1 });
    q.register('test.hang', () => new Promise(() => undefined), { timeoutMs: 20 });
    const id = await q.enqueue(db, 'test.hang', {});
    await q.drain();
    expect(await jobRow(id)).toMatchObject({ status: 'dead', last_error: 'timed out after 20 ms' });
  });

  it('survives a restart: a job held by a worker that died is picked up when its lock expires', async () => {
    const id = await new JobQueue(db, opts).enqueue(db, 'test.orphan', { v: 1 });
    // A worker claimed it, then the process died: status running, lock already expired.
    await db.query(`UPDATE jobs SET status = 'running', attempts = 1, locked_by = 'dead-worker', locked_until = now() - interval '1 second' WHERE id = $1`, [id]);
    const q = new JobQueue(db, opts);
    q.register<{ v: number }>('test.orphan', async (p) => p.v + 1);
    await q.drain();
    expect(await jobRow(id)).toMatchObject({ status: 'succeeded', attempts: 2, result: 2 });
  });

  it('enqueues once per dedupe key', async () => {
    const q = new JobQueue(db, opts);
    const a = await q.enqueue(db, 'test.once', {}, { dedupeKey: 'order-1-settle' });
    const b = await q.enqueue(db, 'test.once', {}, { dedupeKey: 'order-1-settle' });
    expect(b).toBe(a);
  });
});

describe('lanes', () => {
  it('runs a kind with its own concurrency apart from the shared slots', async () => {
    const q = new JobQueue(db, { ...opts, pollMs: 5 });
    let running = 0;
    let most = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    q.register('test.heavy', async () => {
      most = Math.max(most, ++running);
      await gate;
      running--;
    }, { concurrency: 1 });
    q.register('test.light', async () => 'done');
    const heavy = await Promise.all([1, 2, 3].map(() => q.enqueue(db, 'test.heavy', {})));
    q.start();
    // Both shared slots are free while the heavy lane is busy: light work goes on.
    const light = await q.enqueue(db, 'test.light', {});
    for (let i = 0; i < 400 && (await jobRow(light)).status !== 'succeeded'; i++) await sleep(10);
    expect((await jobRow(light)).status).toBe('succeeded');
    expect(running).toBe(1);
    release();
    for (let i = 0; i < 400; i++) {
      const rows = await Promise.all(heavy.map(jobRow));
      if (rows.every((r) => r.status === 'succeeded')) break;
      await sleep(10);
    }
    await q.stop();
    expect((await Promise.all(heavy.map(jobRow))).map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(most).toBe(1);
  });

  it('renews the lock of a long job, so a second worker never runs it at the same time', async () => {
    const short = { ...opts, lockSeconds: 3 };
    const first = new JobQueue(db, short);
    const second = new JobQueue(db, short);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    first.register('test.long', async () => {
      await held;
      return 'done';
    });
    let secondRuns = 0;
    second.register('test.long', async () => void secondRuns++);
    const id = await first.enqueue(db, 'test.long', {});
    first.start();
    await expect.poll(async () => (await jobRow(id)).status).toBe('running');
    const lockAt = async () => (await db.query<{ until: Date }>('SELECT locked_until AS until FROM jobs WHERE id = $1', [id]))[0]!.until.getTime();
    const firstLock = await lockAt();
    // Past the lock the first claim took: without renewal the job would be free for the taking now.
    await expect.poll(async () => (await db.query<{ past: boolean }>('SELECT now() > $1::timestamptz + interval \'500 milliseconds\' AS past', [new Date(firstLock)]))[0]!.past, { timeout: 15_000 }).toBe(true);
    expect(await lockAt()).toBeGreaterThan(firstLock);
    await second.drain();
    expect(secondRuns).toBe(0);
    release();
    await first.stop();
    expect(await jobRow(id)).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('at shutdown hands back a job that does not finish in time: queued again at once, the attempt not counted', async () => {
    const q = new JobQueue(db, opts);
    let aborted = false;
    q.register('test.endless', (_p, ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => ((aborted = true), reject(new Error('stopped'))))));
    const id = await q.enqueue(db, 'test.endless', {});
    q.start();
    await expect.poll(async () => (await jobRow(id)).status).toBe('running');
    await q.stop(100);
    expect(aborted).toBe(true);
    expect(await jobRow(id)).toMatchObject({ status: 'queued', attempts: 0, last_error: 'handed back at shutdown' });
    // Another worker takes it straight away.
    const next = new JobQueue(db, opts);
    next.register('test.endless', async () => 'finished elsewhere');
    await next.drain();
    expect(await jobRow(id)).toMatchObject({ status: 'succeeded', attempts: 1, result: 'finished elsewhere' });
  });
});

