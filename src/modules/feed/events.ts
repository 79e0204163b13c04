// Behaviour events in: batches from clients (validated, limited, clamped, checked against the
// items that exist) and facts from other modules (server-events.ts), all into one append-only
// log that the distribution engine tails with `since`.
import { randomUUID } from 'node:crypto';
import type { Config } from '../../platform/config.ts';
import type { Db, Tx } from '../../platform/db/index.ts';
import { fence, horizonSql } from '../../platform/db/horizon.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { localLimits, type Limit, type LimitFactory } from '../../platform/ratelimit-shared.ts';
import { KnownItems, type ItemLookup } from './items.ts';
import { assertComplete, normalize } from './normalize.ts';
import type { ClientEvent, EventType, IngestResult, ItemType } from './schemas.ts';
import { insertEvents, type EventRow } from './insert.ts';
import { EventWriter } from './writer.ts';

/** Who sent the events: the signed-in user, or an anonymous viewer's device (and its address, for limits). */
export interface Viewer {
  userId: string | null;
  deviceId?: string;
  address: string;
}

/** One event of the log, as the engine reads it: the stored row without the client's id. */
export type LoggedEvent = Omit<EventRow, 'clientEventId'> & { receivedAt: Date };

const CURSOR = /^(\d{1,20})\.(\d{1,20})$/;
export const START = '0.0';

export class FeedEvents {
  /** This process, as stored with the client batches it writes (its engine gets them at commit). */
  readonly origin = randomUUID();
  private readonly writer: EventWriter;
  private readonly items: KnownItems;
  private readonly perActor: Limit;
  private readonly perAddress: Limit;

  constructor(
    private readonly db: Db,
    exists: ItemLookup,
    private readonly policy: Config['feed'],
    /** Where the flood limits' windows live: this process (default), or Redis for all api processes. */
    limits: LimitFactory = localLimits,
  ) {
    // PGlite is one connection: a second flush would only queue behind the first.
    this.writer = new EventWriter(db, { flushEvents: policy.flushEvents, flushMs: policy.flushMs, maxInFlight: db.kind === 'pglite' ? 1 : 2, origin: this.origin });
    this.items = new KnownItems(exists, policy.itemCacheSeconds * 1000);
    this.perActor = limits('events.actor', policy.eventsPerActor, policy.windowSeconds * 1000);
    this.perAddress = limits('events.address', policy.eventsPerAddress, policy.windowSeconds * 1000);
  }

  /** Stores a batch; answers once the stored events are committed. */
  async ingest(viewer: Viewer, events: readonly ClientEvent[]): Promise<IngestResult> {
    const actor = viewer.userId ? { kind: 'user' as const, id: viewer.userId } : viewer.deviceId ? { kind: 'device' as const, id: viewer.deviceId } : null;
    if (!actor) throw invalid('deviceId', 'Sign in, or name the device the events come from');
    if (events.length > this.policy.maxBatch) throw new AppError('payload_too_large', `At most ${this.policy.maxBatch} events per request`, 'events');
    assertComplete(events);
    await this.limit(actor, viewer.address, events.length);

    const now = Date.now();
    const batch = normalize(events, now, { maxSkewMs: this.policy.maxSkewSeconds * 1000, maxWatchMs: this.policy.maxWatchMs, maxDurationMs: this.policy.maxDurationMs, maxWatchLoops: this.policy.maxWatchLoops });
    const known = await this.items.existing(batch.events.map((n) => n.event));
    const dropped: IngestResult['dropped'] = [];
    const keep = batch.events.filter((n) => {
      if (known.has(`${n.event.itemType}:${n.event.itemId}`)) return true;
      dropped.push({ index: n.index, reason: 'unknown_item' });
      return false;
    });
    const fresh = await this.writer.write(
      keep.map((n) => ({
        actorKind: actor.kind,
        actorId: actor.id,
        clientEventId: n.event.id,
        type: n.event.type,
        itemType: n.event.itemType,
        itemId: n.event.itemId,
        watchMs: n.watchMs,
        durationMs: n.durationMs,
        source: n.event.source ?? null,
        position: n.event.position ?? null,
        at: n.at,
      })),
    );
    const stored = new Set(keep.filter((_, i) => fresh[i]).map((n) => n.index));
    return {
      accepted: stored.size,
      duplicates: batch.duplicates + keep.length - stored.size,
      dropped,
      clamped: batch.clamped.filter((c) => stored.has(c.index)),
    };
  }

  /** Facts from other modules, in the caller's transaction; a repeated natural key is stored once. */
  async record(tx: Tx, rows: EventRow[]): Promise<number> {
    return (await insertEvents(tx, rows)).filter(Boolean).length;
  }

  /**
   * A past history written at once: the demo world's seed, which `ingest` cannot take (its times
   * are days old on purpose and ingest replaces those with now; one seeder would trip the rate
   * limits). Like ingest, only events about items that exist are stored, and a repeated key
   * (actor, event id) is stored once, so seeding again adds nothing. One transaction: the engine
   * tailing the log sees the whole history or none of it, in the order given (give it in time order).
   */
  async importHistory(rows: readonly EventRow[]): Promise<{ stored: number; dropped: number }> {
    const known = await this.items.existing(rows);
    const keep = rows.filter((r) => known.has(`${r.itemType}:${r.itemId}`));
    let stored = 0;
    await this.db.tx(async (tx) => {
      // A few thousand rows per statement keeps each statement's arrays modest.
      for (let i = 0; i < keep.length; i += 5000) stored += (await insertEvents(tx, keep.slice(i, i + 5000))).filter(Boolean).length;
    });
    return { stored, dropped: rows.length - keep.length };
  }

  /**
   * Calls `fn` with the client events this process stores, once committed: the engine in this
   * process gets them from here, and reads the log with `since(…, origin)` without them.
   */
  committed(fn: (events: LoggedEvent[]) => void): void {
    this.writer.committed((rows) => {
      const receivedAt = new Date();
      fn(rows.map(({ clientEventId: _, ...r }) => ({ ...r, receivedAt })));
    });
  }

  /**
   * Events after `cursor` in insertion order, and the cursor to continue from; `except` leaves out
   * the client batches written by that origin (this process's, which `committed` hands over);
   * `scanned` says how many rows of the log the page covered, so a reader knows whether more may
   * follow. Only transactions older than every transaction of this database still running are
   * read (db/horizon.ts), so an event committed late (its sequence value taken before a later
   * one's commit) is never skipped: it waits its turn.
   * The page comes back as one JSON text: on PGlite, decoding a row per event in its protocol
   * code cost twice what building and parsing the JSON does.
   */
  async since(cursor: string, limit = 1000, except: string | null = null): Promise<{ events: LoggedEvent[]; cursor: string; scanned: number }> {
    const m = CURSOR.exec(cursor);
    if (!m) throw invalid('cursor', 'Not a cursor of the event log');
    const f = await fence(this.db);
    const [row] = await this.db.query<{ page: string | null; last: string | null; scanned: number }>(
      // The transactions still running are left out after the LIMIT: in (tx, seq) order they can
      // only be the page's tail, and a bound on tx inside the scan made the planner trade the
      // ordered index scan for reading and sorting the whole rest of the table.
      `WITH page AS (
         SELECT tx, seq, actor_kind, actor_id, type, item_type, item_id, watch_ms, duration_ms, source, position, at, received_at, origin FROM feed_events
          WHERE (tx, seq) > ($1::xid8, $2::bigint) ORDER BY tx, seq LIMIT $3),
       visible AS (SELECT * FROM page WHERE tx < ${horizonSql('$5', '$6')})
       SELECT (SELECT json_agg(json_build_array(tx::text, seq::text, actor_kind, actor_id, type, item_type, item_id, watch_ms, duration_ms, source, position,
                 floor(extract(epoch FROM at) * 1000), floor(extract(epoch FROM received_at) * 1000)) ORDER BY tx, seq)
                 FROM visible WHERE $4::text IS NULL OR origin IS DISTINCT FROM $4)::text AS page,
              (SELECT tx::text || '.' || seq::text FROM visible ORDER BY tx DESC, seq DESC LIMIT 1) AS last,
              (SELECT count(*)::int FROM visible) AS scanned`,
      [m[1], m[2], limit, except, f.next, f.ours],
    );
    type Row = [string, string, LoggedEvent['actorKind'], string, EventType, ItemType, string, number | null, number | null, string | null, number | null, number, number];
    const rows: Row[] = row?.page ? JSON.parse(row.page) : [];
    return {
      events: rows.map((r) => ({ actorKind: r[2], actorId: r[3], type: r[4], itemType: r[5], itemId: r[6], watchMs: r[7], durationMs: r[8], source: r[9], position: r[10], at: new Date(r[11]), receivedAt: new Date(r[12]) })),
      cursor: row?.last ?? cursor,
      scanned: row?.scanned ?? 0,
    };
  }

  /** Waits for events still being written (shutdown). */
  drain(): Promise<void> {
    return this.writer.drain();
  }

  /** Counts the batch against the viewer's allowance, and an anonymous one's address too. */
  private async limit(actor: { kind: string; id: string }, address: string, n: number): Promise<void> {
    let wait = await this.perActor.hit(`${actor.kind}:${actor.id}`, n);
    if (actor.kind === 'device') wait = Math.max(wait, await this.perAddress.hit(address, n));
    if (wait > 0) throw new AppError('rate_limited', `Too many events; try again in ${wait} s`, undefined, undefined, { 'retry-after': String(wait) });
  }
}
