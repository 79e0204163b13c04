import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/support/db.ts';
import type { Db } from '../db/index.ts';
import { EventBus } from './bus.ts';

let db: Db;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(() => db.close());

const opts = { pollMs: 60_000, maxAttempts: 3, baseBackoffMs: 1 };

describe('event bus over the outbox', () => {
  it('delivers an event only when its transaction commits', async () => {
    const bus = new EventBus(db, opts);
    const got: string[] = [];
    bus.subscribe<{ n: string }>('t.commit', 'test.commit', async (e) => {
      got.push(e.payload.n);
    });
    await db.tx((tx) => bus.publish(tx, 'test.commit', { n: 'kept' }));
    await db
      .tx(async (tx) => {
        await bus.publish(tx, 'test.commit', { n: 'rolled-back' });
        throw new Error('abort');
      })
      .catch(() => undefined);
    await bus.drain();
    expect(got).toEqual(['kept']);
  });

  it('retries a failing consumer with backoff and runs each consumer once per event', async () => {
    const bus = new EventBus(db, opts);
    let flaky = 0;
    let steady = 0;
    bus.subscribe('t.flaky', 'test.retry', async () => {
      flaky++;
      if (flaky < 2) throw new Error('temporary');
    });
    bus.subscribe('t.steady', 'test.retry', async () => {
      steady++;
    });
    await db.tx((tx) => bus.publish(tx, 'test.retry', {}));
    await bus.drain();
    await new Promise((r) => setTimeout(r, 5));
    await bus.drain();
    expect(flaky).toBe(2);
    expect(steady).toBe(1); // redelivery after the flaky failure skipped the consumer that had succeeded
    const [row] = await db.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM outbox WHERE topic = 'test.retry'`);
    expect(row).toEqual({ status: 'delivered', attempts: 2 });
  });

  it('hands a consumer a pass’s events together, in order; a failing event is found one by one, and only it is retried', async () => {
    const bus = new EventBus(db, opts);
    await db.exec('CREATE TABLE IF NOT EXISTS test_batch_effects (n int PRIMARY KEY)');
    const seen: number[] = [];
    let threeFailed = 0;
    bus.subscribe<{ n: number }>('t.batch', 'test.batch', async (e, tx) => {
      seen.push(e.payload.n);
      await tx.query('INSERT INTO test_batch_effects (n) VALUES ($1)', [e.payload.n]);
      if (e.payload.n === 3 && threeFailed++ < 2) throw new Error('three fails twice');
    });
    const other: number[] = [];
    bus.subscribe<{ n: number }>('t.batch-other', 'test.batch', async (e) => {
      other.push(e.payload.n);
    });
    await db.tx(async (tx) => {
      for (let n = 1; n <= 5; n++) await bus.publish(tx, 'test.batch', { n });
    });
    expect(await bus.dispatchBatch()).toBe(5); // one pass
    // Together first (1, 2, 3 fails: all rolled back), then one by one (1, 2, 3 fails, 4, 5).
    expect(seen).toEqual([1, 2, 3, 1, 2, 3, 4, 5]);
    expect(other).toEqual([1, 2, 3, 4, 5]);
    const rows = await db.query<{ n: number; status: string }>(`SELECT (payload->>'n')::int AS n, status FROM outbox WHERE topic = 'test.batch' ORDER BY seq`);
    expect(rows.map((r) => r.status)).toEqual(['delivered', 'delivered', 'pending', 'delivered', 'delivered']);
    expect((await db.query<{ n: number }>('SELECT n FROM test_batch_effects ORDER BY n')).map((r) => r.n)).toEqual([1, 2, 4, 5]);
    await new Promise((r) => setTimeout(r, 5));
    await bus.drain();
    // The retry reaches the consumer that failed, not the one that had handled it.
    expect(seen.slice(8)).toEqual([3]);
    expect(other).toEqual([1, 2, 3, 4, 5]);
    expect((await db.query<{ n: number }>('SELECT n FROM test_batch_effects ORDER BY n')).map((r) => r.n)).toEqual([1, 2, 3, 4, 5]);
  });

  it('hands a batch consumer a pass’s new events as one list; a failing list is taken again event by event', async () => {
    const bus = new EventBus(db, opts);
    await db.exec('CREATE TABLE IF NOT EXISTS test_list_effects (n int PRIMARY KEY)');
    const lists: number[][] = [];
    let fourFailed = 0;
    bus.subscribeBatch<{ n: number }>('t.list', 'test.list', async (events, tx) => {
      const ns = events.map((e) => e.payload.n);
      lists.push(ns);
      await tx.query('INSERT INTO test_list_effects (n) SELECT unnest($1::int[])', [ns]);
      if (ns.includes(4) && fourFailed++ < 2) throw new Error('four fails twice');
    });
    await db.tx(async (tx) => {
      for (let n = 1; n <= 3; n++) await bus.publish(tx, 'test.list', { n });
    });
    await bus.drain();
    expect(lists).toEqual([[1, 2, 3]]);
    await db.tx(async (tx) => {
      for (let n = 4; n <= 6; n++) await bus.publish(tx, 'test.list', { n });
    });
    expect(await bus.dispatchBatch()).toBe(3);
    // The list fails (rolled back), then one event at a time: only 4 fails again.
    expect(lists.slice(1)).toEqual([[4, 5, 6], [4], [5], [6]]);
    await new Promise((r) => setTimeout(r, 5));
    await bus.drain();
    expect(lists.slice(5)).toEqual([[4]]);
    expect((await db.query<{ n: number }>('SELECT n FROM test_list_effects ORDER BY n')).map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6]);
    // Delivered again (a lease ran out): the inbox keeps every event from a second run.
    await db.query(`UPDATE outbox SET status = 'pending', next_attempt_at = now() WHERE topic = 'test.list'`);
    await bus.drain();
    expect(lists).toHaveLength(6);
  });

  it('keeps a consumer effect and its inbox row in one transaction', async () => {
    const bus = new EventBus(db, opts);
    await db.exec('CREATE TABLE IF NOT EXISTS test_effects (event_id text PRIMARY KEY)');
    let calls = 0;
    bus.subscribe('t.effect', 'test.effect', async (e, tx) => {
      calls++;
      await tx.query('INSERT INTO test_effects (event_id) VALUES ($1)', [e.id]);
      if (calls === 1) throw new Error('fails after writing'); // the write must roll back
    });
    const id = await db.tx((tx) => bus.publish(tx, 'test.effect', {}));
    await bus.drain();
    await new Promise((r) => setTimeout(r, 5));
    await bus.drain();
    const rows = await db.query('SELECT * FROM test_effects WHERE event_id = $1', [id]);
    expect(rows).toHaveLength(1);
    expect(calls).toBe(2);
  });

  it('marks an event dead after max attempts, visible in the stats', async () => {
    const bus = new EventBus(db, opts);
    bus.subscribe('t.broken', 'test.dead', async () => {
      throw new Error('always');
    });
    await db.tx((tx) => bus.publish(tx, 'test.dead', {}));
    for (let i = 0; i < 5; i++) {
      await bus.drain();
      await new Promise((r) => setTimeout(r, 10));
    }
    const [row] = await db.query<{ status: string; attempts: number; last_error: string }>(`SELECT status, attempts, last_error FROM outbox WHERE topic = 'test.dead'`);
    expect(row?.status).toBe('dead');
    expect(row?.attempts).toBe(3);
    expect(row?.last_error).toContain('always');
    expect(await EventBus.stats(db)).toContainEqual({ topic: 'test.dead', status: 'dead', count: 1 });
  });
});

describe('delivery to every process (outbox tail)', () => {
  it('hands each api process every event committed after it began, in order, and none from before', async () => {
    const publisher = new EventBus(db, opts);
    await db.tx((tx) => publisher.publish(tx, 'test.each', { n: 0 })); // before the processes begin: their state already holds it
    const seen: number[][] = [[], []];
    const processes = seen.map((got, i) => {
      const bus = new EventBus(db, opts);
      bus.setMode({ shared: false, each: 'tail' });
      bus.subscribeEach<{ n: number }>(`t.each.${i}`, 'test.each', async (e, q) => {
        const [row] = await q.query<{ one: number }>('SELECT 1 AS one'); // handlers read through what they are given
        if (row?.one === 1) got.push(e.payload.n);
      });
      return bus;
    });
    for (const bus of processes) await bus.beginTail();
    for (let n = 1; n <= 3; n++) await db.tx((tx) => publisher.publish(tx, 'test.each', { n }));
    await db.tx((tx) => publisher.publish(tx, 'test.other', { n: 99 }));
    for (const bus of processes) await bus.catchUpTail();
    expect(seen).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    // Nothing is claimed or marked: the shared dispatcher still owns the rows.
    const [pending] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'test.each' AND status = 'pending'`);
    expect(pending?.n).toBe(4);
  });

  // Two transactions at once need PostgreSQL (PGlite runs one at a time, so the case cannot arise there).
  if (process.env.DATABASE_URL) it('never skips an event whose transaction commits after a later one', async () => {
    const publisher = new EventBus(db, opts);
    const tail = new EventBus(db, opts);
    tail.setMode({ shared: false, each: 'tail' });
    const got: string[] = [];
    tail.subscribeEach<{ n: string }>('t.late', 'test.late', async (e) => void got.push(e.payload.n));
    await tail.beginTail();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let begun!: () => void;
    const started = new Promise<void>((r) => (begun = r));
    // The slow transaction takes its id (and seq) first, and commits last.
    const slow = db.tx(async (tx) => {
      await publisher.publish(tx, 'test.late', { n: 'slow' });
      begun();
      await held;
    });
    await started;
    await db.tx((tx) => publisher.publish(tx, 'test.late', { n: 'fast' }));
    await tail.catchUpTail();
    expect(got).toEqual([]); // the fast one waits behind the running transaction, in commit-safe order
    release();
    await slow;
    await tail.catchUpTail();
    expect(got.sort()).toEqual(['fast', 'slow']);
  });

  // A second database needs PostgreSQL: the horizon is per database (db/horizon.ts).
  if (process.env.DATABASE_URL) it('is not held back by a transaction running in another database on the same server', async () => {
    const other = await freshDb();
    const publisher = new EventBus(db, opts);
    const tail = new EventBus(db, opts);
    tail.setMode({ shared: false, each: 'tail' });
    const got: number[] = [];
    tail.subscribeEach<{ n: number }>('t.apart', 'test.apart', async (e) => void got.push(e.payload.n));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let begun!: () => void;
    const started = new Promise<void>((r) => (begun = r));
    // Another database's write takes an older xid than everything below and stays open.
    const elsewhere = other.tx(async (tx) => {
      await tx.query('CREATE TEMP TABLE apart (n int)');
      begun();
      await held;
    });
    try {
      await started;
      await db.tx((tx) => publisher.publish(tx, 'test.apart', { n: 0 })); // before the process begins
      await tail.beginTail();
      for (let n = 1; n <= 2; n++) await db.tx((tx) => publisher.publish(tx, 'test.apart', { n }));
      await tail.catchUpTail();
      expect(got).toEqual([1, 2]);
    } finally {
      release();
      await elsewhere;
      await other.close();
    }
  });

  it('in one process (all roles) the dispatcher delivers them, before the shared consumers', async () => {
    const bus = new EventBus(db, opts);
    const order: string[] = [];
    bus.subscribe('t.shared', 'test.both', async () => void order.push('shared'));
    bus.subscribeEach('t.memory', 'test.both', async () => void order.push('memory'));
    await db.tx((tx) => bus.publish(tx, 'test.both', {}));
    await bus.drain();
    expect(order).toEqual(['memory', 'shared']);
  });
});
