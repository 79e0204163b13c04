// Delivery to every process (api processes' in-memory state: the distribution engine's items,
// reach factors): each process reads the outbox from where it stood when it loaded its state, in
// (tx, seq) order and only rows of transactions older than every one of this database still
// running, so an event committed late is never skipped (the technique of the behaviour log,
// feed/events.ts; the horizon: db/horizon.ts). Handlers are idempotent and read through the
// queryable they are given; nothing is recorded per process.
import type { Log } from '../log.ts';
import type { Db, Queryable } from '../db/index.ts';
import { fence, horizonSql } from '../db/horizon.ts';
import type { DomainEvent } from './bus.ts';
import { Pump } from './pump.ts';

export type EachHandler<T = unknown> = (event: DomainEvent<T>, q: Queryable) => Promise<void>;

export interface EachSubscription {
  consumer: string;
  topics: Set<string>;
  handler: EachHandler;
}

interface Row {
  tx: string;
  seq: string;
  event_id: string;
  topic: string;
  payload: unknown;
  occurred_at: Date;
}

const PAGE = 500;

export class OutboxTail {
  private cursor: { tx: string; seq: string } | null = null;
  private readonly pump: Pump;
  /** Events handed to this process's handlers since start (tests and metrics). */
  delivered = 0;

  constructor(
    private readonly db: Db,
    private readonly subs: () => EachSubscription[],
    private readonly pollMs: number,
    private readonly log?: Log,
  ) {
    this.pump = new Pump(async () => (await this.pass()) === PAGE, (err) => this.log?.error({ err }, 'outbox tail failed'));
  }

  /** Marks where this process stands: call before loading the state the handlers keep current. */
  async begin(): Promise<void> {
    const f = await fence(this.db);
    const [row] = await this.db.query<{ horizon: string }>(`SELECT ${horizonSql('$1', '$2')}::text AS horizon`, [f.next, f.ours]);
    this.cursor = { tx: row!.horizon, seq: '0' };
  }

  start(): void {
    if (!this.cursor) throw new Error('OutboxTail.begin() must run before start()');
    this.pump.start(this.pollMs);
  }

  async stop(): Promise<void> {
    await this.pump.stop();
  }

  kick(): void {
    this.pump.kick();
  }

  /** Reads everything visible now (tests). */
  async catchUp(): Promise<void> {
    await this.pump.current;
    while ((await this.pass()) === PAGE);
  }

  /** One page; returns how many rows it read (PAGE: there may be more). */
  private async pass(): Promise<number> {
    const at = this.cursor!;
    const f = await fence(this.db);
    const rows = await this.db.query<Row>(
      `WITH page AS (SELECT tx, seq, event_id, topic, payload, occurred_at FROM outbox
                      WHERE (tx, seq) > ($1::xid8, $2::bigint) ORDER BY tx, seq LIMIT $3)
       SELECT tx::text AS tx, seq::text AS seq, event_id, topic, payload, occurred_at FROM page
        WHERE tx < ${horizonSql('$4', '$5')} ORDER BY tx, seq`,
      [at.tx, at.seq, PAGE, f.next, f.ours],
    );
    const subs = this.subs();
    for (const row of rows) {
      const event: DomainEvent = { id: row.event_id, topic: row.topic, payload: row.payload, occurredAt: new Date(row.occurred_at).toISOString() };
      for (const sub of subs) {
        if (!sub.topics.has(event.topic)) continue;
        try {
          await sub.handler(event, this.db);
        } catch (err) {
          // In-memory state only: the next change of the same thing, or the next start, repairs it.
          this.log?.warn({ err, eventId: event.id, topic: event.topic, consumer: sub.consumer }, 'event handler in this process failed');
        }
      }
      this.delivered++;
      this.cursor = { tx: row.tx, seq: row.seq };
    }
    return rows.length;
  }
}
