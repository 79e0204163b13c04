// Event bus over a transactional outbox. Modules publish inside their own transaction and
// subscribe by topic; they never see how events travel. Two kinds of subscription:
// - `subscribe`: once per consumer across all processes (durable effects: the handler runs in a
//   transaction with an inbox row, so a redelivered event is skipped). A dispatcher in worker
//   processes claims outbox rows (SKIP LOCKED leases, so many workers share them) and calls them.
// - `subscribeEach`: in every api process (in-memory state such as the distribution engine's
//   items). In one process (all roles) the dispatcher calls them too; in an api process of a
//   cluster an OutboxTail reads the outbox in commit-safe order and calls them (tail.ts).
import type { Log } from '../log.ts';
import type { Db, Queryable, Tx } from '../db/index.ts';
import { newId } from '../ids.ts';
import { currentRequestId, withRequestId } from '../context.ts';
import type { JetStreamTransport } from './jetstream.ts';
import { Pump } from './pump.ts';
import { OutboxTail, type EachHandler, type EachSubscription } from './tail.ts';

export interface DomainEvent<T = unknown> {
  id: string;
  topic: string;
  payload: T;
  occurredAt: string;
  /** The request it was published under, if any (logs follow it across processes). */
  requestId?: string | null;
}

export type EventHandler<T = unknown> = (event: DomainEvent<T>, tx: Tx) => Promise<void>;
/** Several events of a pass at once, in order, in one transaction (set-based writes). */
export type BatchHandler<T = unknown> = (events: Array<DomainEvent<T>>, tx: Tx) => Promise<void>;

/** A handler of one event at a time, over a pass's events in order, each under its request id. */
const oneByOne = (handler: (event: DomainEvent, tx: Tx) => Promise<void>): BatchHandler => async (events, tx) => {
  for (const e of events) await withRequestId(e.requestId ?? null, () => handler(e, tx));
};

interface Subscription {
  consumer: string;
  topics: Set<string>;
  handler: BatchHandler;
}

export interface BusOptions {
  pollMs: number;
  maxAttempts: number;
  baseBackoffMs: number;
}

/**
 * What this process delivers. shared: run the once-per-consumer subscriptions (worker role).
 * each: 'dispatch' delivers every-process subscriptions with the shared ones (one process holds
 * all roles); 'tail' reads them from the outbox (api process of a cluster); 'off' (a worker or
 * ingest process keeps no such state).
 */
export interface BusMode {
  shared: boolean;
  each: 'dispatch' | 'tail' | 'off';
}

/** How long a dispatcher holds the outbox rows it claimed before another may take them. */
const LEASE_SECONDS = 60;

export class EventBus {
  private subs: Subscription[] = [];
  private eachSubs: EachSubscription[] = [];
  private eachDispatched: Subscription[] = [];
  private mode: BusMode = { shared: true, each: 'dispatch' };
  private readonly tail: OutboxTail;
  /** NATS JetStream, when configured: the outbox is relayed to it and consumers read from it. */
  private transport: JetStreamTransport | null = null;
  private eachSince = new Date();
  private eachDelivered = 0;
  private readonly pump = new Pump(async () => (await this.dispatchBatch()) > 0, (err) => this.log?.error({ err }, 'event dispatch failed'));

  constructor(
    private readonly db: Db,
    private readonly opts: BusOptions,
    private readonly log?: Log,
  ) {
    this.tail = new OutboxTail(db, () => this.eachSubs, opts.pollMs, log);
  }

  /** Sets what this process delivers (before start; see BusMode). */
  setMode(mode: BusMode): void {
    this.mode = mode;
  }

  /** Events travel over JetStream (before start; jetstream.ts). */
  useTransport(transport: JetStreamTransport): void {
    this.transport = transport;
  }

  /** Records an event in the caller's transaction; it is delivered after the commit. */
  async publish<T>(tx: Tx, topic: string, payload: T): Promise<string> {
    const id = newId('evt');
    await tx.query('INSERT INTO outbox (event_id, topic, payload, request_id) VALUES ($1, $2, $3, $4)', [id, topic, JSON.stringify(payload), currentRequestId()]);
    tx.afterCommit(() => this.kick());
    return id;
  }

  /** Several events in one statement (batched writers such as the flash-sale checkout). */
  async publishMany(tx: Tx, events: Array<{ topic: string; payload: unknown }>): Promise<string[]> {
    if (events.length === 0) return [];
    const part = this.publishPart(tx, events, 1);
    await tx.query(part.sql, part.params);
    return part.ids;
  }

  /**
   * The same insert as a part of the caller's own statement (a data-modifying CTE), its
   * parameters numbered from `first`: a batched writer saves the round trip.
   */
  publishPart(tx: Tx, events: Array<{ topic: string; payload: unknown }>, first: number): { sql: string; params: unknown[]; ids: string[] } {
    const ids = events.map(() => newId('evt'));
    tx.afterCommit(() => this.kick());
    return {
      sql: `INSERT INTO outbox (event_id, topic, payload, request_id) SELECT *, $${first + 3}::text FROM unnest($${first}::text[], $${first + 1}::text[], $${first + 2}::jsonb[])`,
      params: [ids, events.map((e) => e.topic), events.map((e) => JSON.stringify(e.payload)), currentRequestId()],
      ids,
    };
  }

  /** Registers a consumer; `consumer` names it durably (its inbox rows carry the name). */
  subscribe<T>(consumer: string, topics: string | string[], handler: EventHandler<T>): void {
    this.subscribeBatch(consumer, topics, oneByOne(handler as EventHandler));
  }

  /**
   * Like `subscribe`, but the handler takes a pass's new events for the consumer at once (a
   * flash sale's thousands of orders, written by a few set-based statements instead of a few per
   * event). It must give the same result for a list as for its events one by one: a failing list
   * is taken again event by event, and so is every event redelivered later.
   */
  subscribeBatch<T>(consumer: string, topics: string | string[], handler: BatchHandler<T>): void {
    this.subs.push({ consumer, topics: new Set(Array.isArray(topics) ? topics : [topics]), handler: handler as BatchHandler });
  }

  /**
   * Registers a handler of in-memory state that every api process keeps (no inbox, no
   * transaction of its own: it must be idempotent and only read through `q`).
   */
  subscribeEach<T>(consumer: string, topics: string | string[], handler: EachHandler<T>): void {
    const sub: EachSubscription = { consumer, topics: new Set(Array.isArray(topics) ? topics : [topics]), handler: handler as EachHandler };
    this.eachSubs.push(sub);
    // In one process the dispatcher delivers it as it delivers the shared consumers.
    this.eachDispatched.push({ consumer, topics: sub.topics, handler: oneByOne(sub.handler) });
  }

  /** An api process of a cluster: marks where its state stands; call before loading it. */
  async beginTail(): Promise<void> {
    // Over JetStream, from a little before now: what was relayed earlier was committed earlier,
    // so the state loaded next holds it (the margin covers clocks that differ a little).
    this.eachSince = new Date(Date.now() - 30_000);
    if (this.mode.each === 'tail' && !this.transport) await this.tail.begin();
  }

  /** Events the tail (or JetStream's ordered consumer) handed to this process (tests, metrics). */
  get tailed(): number {
    return this.tail.delivered + this.eachDelivered;
  }

  /** Delivers what the tail can see now (tests). */
  async catchUpTail(): Promise<void> {
    if (this.mode.each === 'tail') await this.tail.catchUp();
  }

  async start(): Promise<void> {
    if (this.transport) {
      const t = this.transport;
      if (this.mode.shared) await t.consumeShared([...new Set(this.subs.flatMap((s) => [...s.topics]))], (e) => this.deliver(e));
      if (this.mode.each !== 'off' && this.eachSubs.length > 0) await t.consumeEach(this.eachSince, (e) => this.deliverEach(e));
    } else if (this.mode.each === 'tail') this.tail.start();
    if (this.mode.shared) this.pump.start(this.opts.pollMs);
  }

  async stop(): Promise<void> {
    await Promise.all([this.pump.stop(), this.tail.stop()]);
  }

  /** Wakes the dispatcher; coalesces concurrent wake-ups into one more pass. */
  kick(): void {
    this.pump.kick();
  }

  /** Delivers everything due now; for tests and the CLI. */
  async drain(): Promise<void> {
    await this.pump.current;
    while ((await this.dispatchBatch()) > 0);
    // Over JetStream: until the shared consumers have acknowledged everything relayed.
    for (let i = 0; this.transport && this.mode.shared && i < 600 && (await this.transport.backlog()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
  }

  /**
   * One pass over due outbox rows; returns how many were settled. The rows are leased first
   * (SKIP LOCKED), so several worker processes share the backlog instead of racing for it; a
   * dispatcher that dies leaves rows that come due again when the lease ends.
   */
  async dispatchBatch(limit = 100): Promise<number> {
    const rows = await this.db.query<{ seq: string; event_id: string; topic: string; payload: unknown; occurred_at: Date; attempts: number; request_id: string | null }>(
      `UPDATE outbox SET next_attempt_at = now() + make_interval(secs => $2)
        WHERE seq IN (SELECT seq FROM outbox WHERE status = 'pending' AND next_attempt_at <= now()
                       ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING seq, event_id, topic, payload, occurred_at, attempts, request_id`,
      [limit, LEASE_SECONDS],
    );
    rows.sort((a, b) => Number(a.seq) - Number(b.seq)); // UPDATE … RETURNING keeps no order
    if (this.transport) return this.relay(this.transport, rows);
    const events: DomainEvent[] = rows.map((row) => ({ id: row.event_id, topic: row.topic, payload: row.payload, occurredAt: new Date(row.occurred_at).toISOString(), requestId: row.request_id }));
    const failures = await this.deliverMany(events);
    const delivered = events.filter((e) => !failures.has(e.id)).map((e) => e.id);
    if (delivered.length) await this.db.query(`UPDATE outbox SET status = 'delivered', delivered_at = now(), attempts = attempts + 1 WHERE event_id = ANY($1::text[])`, [delivered]);
    for (const row of rows) {
      const failure = failures.get(row.event_id);
      if (failure === undefined) continue;
      const attempts = row.attempts + 1;
      const dead = attempts >= this.opts.maxAttempts;
      const delayMs = this.opts.baseBackoffMs * 2 ** (attempts - 1);
      await this.db.query(
        `UPDATE outbox SET attempts = $2, last_error = $3, status = $4,
           next_attempt_at = now() + make_interval(secs => $5::double precision / 1000) WHERE event_id = $1`,
        [row.event_id, attempts, failure.slice(0, 2000), dead ? 'dead' : 'pending', delayMs],
      );
      this.log?.warn({ eventId: row.event_id, topic: row.topic, attempts, dead, reqId: row.request_id ?? undefined, err: failure }, 'event consumer failed');
    }
    return rows.length;
  }

  /**
   * Publishes leased rows to JetStream, all at once, and marks the acknowledged ones relayed. A
   * row the broker did not take stays pending and comes due again shortly: events wait in the
   * outbox while the broker is down, however long that is (never marked dead for it).
   */
  private async relay(t: JetStreamTransport, rows: Array<{ event_id: string; topic: string; payload: unknown; occurred_at: Date; attempts: number; request_id: string | null }>): Promise<number> {
    const results = await Promise.allSettled(rows.map((row) => t.publish({ id: row.event_id, topic: row.topic, payload: row.payload, occurredAt: new Date(row.occurred_at).toISOString(), requestId: row.request_id })));
    const done = rows.filter((_, i) => results[i]!.status === 'fulfilled').map((r) => r.event_id);
    const failed = rows.filter((_, i) => results[i]!.status === 'rejected').map((r) => r.event_id);
    if (done.length) await this.db.query(`UPDATE outbox SET status = 'delivered', delivered_at = now(), attempts = attempts + 1, last_error = NULL WHERE event_id = ANY($1::text[])`, [done]);
    if (failed.length) {
      const reason = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
      await this.db.query(
        `UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + interval '1 second' WHERE event_id = ANY($1::text[])`,
        [failed, `relay: ${reason instanceof Error ? reason.message : String(reason)}`.slice(0, 2000)],
      );
    }
    // Nothing relayed: stop this pass (the broker is away) instead of spinning on the next rows.
    return done.length;
  }

  /** An every-process handler, read off JetStream: failures are logged (in-memory state; the next change repairs it). */
  private async deliverEach(event: DomainEvent): Promise<void> {
    this.eachDelivered++;
    for (const sub of this.eachSubs) {
      if (!sub.topics.has(event.topic)) continue;
      await sub.handler(event, this.db).catch((err: unknown) => this.log?.warn({ err, eventId: event.id, consumer: sub.consumer }, 'event handler in this process failed'));
    }
  }

  /** The consumers an event goes to here, in-memory state first: a search change written by a shared handler re-reads the factors it sets. */
  private consumers(): Subscription[] {
    return this.mode.each === 'dispatch' && !this.transport ? [...this.eachDispatched, ...this.subs] : this.subs;
  }

  /** Runs every matching consumer once per event; returns the first error, or null. */
  private async deliver(event: DomainEvent): Promise<string | null> {
    let failure: string | null = null;
    for (const sub of this.consumers()) {
      if (!sub.topics.has(event.topic)) continue;
      // Every consumer runs, whatever an earlier one did (`??=` would skip the call once one failed).
      const f = await this.deliverOne(sub, event);
      failure ??= f;
    }
    return failure;
  }

  /**
   * A pass's events, consumer by consumer: each consumer takes its events in order in one
   * transaction (one inbox statement, one commit) instead of one transaction per event, which
   * in a flash sale was most of the statements the worker sent. If that transaction fails, the
   * consumer takes them again one by one, so only the failing event is held back and retried.
   * Returns the first error per event that failed.
   */
  private async deliverMany(events: DomainEvent[]): Promise<Map<string, string>> {
    const failures = new Map<string, string>();
    for (const sub of this.consumers()) {
      const mine = events.filter((e) => sub.topics.has(e.topic));
      if (mine.length === 0) continue;
      if (mine.length > 1) {
        const together = await this.db
          .tx(async (tx) => {
            const fresh = new Set((await tx.query<{ event_id: string }>('INSERT INTO inbox (consumer, event_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING RETURNING event_id', [sub.consumer, mine.map((e) => e.id)])).map((r) => r.event_id));
            const todo = mine.filter((e) => fresh.has(e.id));
            if (todo.length) await sub.handler(todo, tx);
          })
          .then(() => true, () => false);
        if (together) continue;
      }
      for (const e of mine) {
        const failure = await this.deliverOne(sub, e);
        if (failure !== null && !failures.has(e.id)) failures.set(e.id, failure);
      }
    }
    return failures;
  }

  /** One consumer, one event, in its own transaction; the error, or null. */
  private async deliverOne(sub: Subscription, event: DomainEvent): Promise<string | null> {
    try {
      await withRequestId(event.requestId ?? null, () => this.db.tx(async (tx) => {
        const fresh = await tx.query('INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id', [sub.consumer, event.id]);
        if (fresh.length === 0) return; // already handled by this consumer
        await sub.handler([event], tx);
      }));
      return null;
    } catch (err) {
      return `${sub.consumer}: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  /** Events given up on (the operator's dead letters without NATS), newest first. */
  static async dead(q: Queryable, limit: number): Promise<{ total: number; items: Array<{ event_id: string; topic: string; payload: unknown; attempts: number; last_error: string | null; occurred_at: Date }> }> {
    const items = await q.query<{ event_id: string; topic: string; payload: unknown; attempts: number; last_error: string | null; occurred_at: Date }>(
      `SELECT event_id, topic, payload, attempts, last_error, occurred_at FROM outbox WHERE status = 'dead' ORDER BY seq DESC LIMIT $1`,
      [limit],
    );
    const [{ n } = { n: 0 }] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'dead'`);
    return { total: n, items };
  }

  /** Outbox state for the operator view. */
  static async stats(q: Queryable): Promise<Array<{ status: string; topic: string; count: number }>> {
    return q.query(`SELECT status, topic, count(*)::int AS count FROM outbox GROUP BY status, topic ORDER BY topic, status`);
  }
}
