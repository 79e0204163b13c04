// The tail of the behaviour log: reads the feed module's log through its service (`since`, in
// insertion order, never skipping a late commit), folds each page into sums and adds them in one
// transaction together with the cursor, so a page is counted exactly once even across restarts.
// Runs every `tailMs`; `catchUp()` runs it to the end now (tests, shutdown).
import type { Db, Tx } from '../../platform/db/index.ts';
import type { Log } from '../../platform/log.ts';
import type { InsightsDeps, InsightsPolicy, ItemOwner, ItemType } from './ctx.ts';
import { fold, ITEM_COUNTERS, STORE_COUNTERS, type Folded, type TrafficEvent } from './fold.ts';

export interface EventLog {
  since(cursor: string, limit: number, except: string | null): Promise<{ events: TrafficEvent[]; cursor: string; scanned: number }>;
}

const NAME = 'traffic';
const START = '0.0';
const OWNER_CACHE = 200_000;

export class TrafficTail {
  private readonly owners = new Map<string, ItemOwner>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  /** Pages read past the stored cursor that counted nothing: from the stored cursor to here. */
  private skipped: { from: string; to: string } | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly deps: Pick<InsightsDeps, 'owners'>,
    private readonly policy: Pick<InsightsPolicy, 'tailBatch' | 'tailMs' | 'newCreatorDays'>,
    private readonly logger?: Log,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.catchUp().catch((err: unknown) => this.logger?.error({ err }, 'insights: tailing the behaviour log failed; retrying')), this.policy.tailMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => 0);
  }

  /** Applies every page there is now; returns the events counted. One run at a time. */
  catchUp(): Promise<number> {
    this.running ??= this.drain().finally(() => (this.running = null));
    return this.running;
  }

  private async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const step = await this.step();
      total += step.counted;
      if (!step.more) return total;
    }
  }

  /**
   * One page: read, fold, write with the cursor (skipped if another process moved the cursor
   * meanwhile). Pages with nothing to count (server facts: orders, refunds) move the cursor in
   * memory only, written with the next page that counts: reading them again after a restart costs
   * a scan, and a quiet platform gets no writes from its own bookkeeping.
   */
  private async step(): Promise<{ counted: number; more: boolean }> {
    const [row] = await this.db.query<{ cursor: string }>('SELECT cursor FROM insights_cursors WHERE name = $1', [NAME]);
    const stored = row?.cursor ?? START;
    if (this.skipped?.from !== stored) this.skipped = null;
    const page = await this.log.since(this.skipped?.to ?? stored, this.policy.tailBatch, null);
    if (page.scanned === 0) return { counted: 0, more: false };
    const more = page.scanned >= this.policy.tailBatch;
    const owners = await this.ownersOf(page.events);
    const folded = fold(page.events, owners);
    if (folded.counted === 0) {
      this.skipped = { from: stored, to: page.cursor };
      return { counted: 0, more };
    }
    const applied = await this.db.tx(async (tx) => {
      await tx.query('INSERT INTO insights_cursors (name, cursor) VALUES ($1, $2) ON CONFLICT DO NOTHING', [NAME, START]);
      const [locked] = await tx.query<{ cursor: string }>('SELECT cursor FROM insights_cursors WHERE name = $1 FOR UPDATE', [NAME]);
      if (locked?.cursor !== stored) return false;
      await write(tx, folded, this.policy.newCreatorDays);
      await tx.query('UPDATE insights_cursors SET cursor = $2, events = events + $3, updated_at = now() WHERE name = $1', [NAME, page.cursor, folded.counted]);
      return true;
    });
    this.skipped = null;
    return { counted: applied ? folded.counted : 0, more };
  }

  private async ownersOf(events: readonly TrafficEvent[]): Promise<Map<string, ItemOwner>> {
    const missing = new Map<string, { type: ItemType; id: string }>();
    for (const e of events) {
      const key = `${e.itemType}:${e.itemId}`;
      if (!this.owners.has(key)) missing.set(key, { type: e.itemType, id: e.itemId });
    }
    if (missing.size > 0) {
      const found = await this.deps.owners([...missing.values()]);
      if (this.owners.size + missing.size > OWNER_CACHE) this.owners.clear();
      for (const key of missing.keys()) this.owners.set(key, found.get(key) ?? { storeId: null, creatorId: null });
    }
    return this.owners;
  }

  /** A store or creator of an item changed (a video re-anchored to other goods): read it again next time. */
  forget(type: ItemType, id: string): void {
    this.owners.delete(`${type}:${id}`);
  }
}

const cols = <T, K extends string>(rows: readonly T[], keys: readonly K[], get: (r: T) => Record<K, number>): number[][] => keys.map((k) => rows.map((r) => get(r)[k]));

async function write(tx: Tx, f: Folded, newCreatorDays: number): Promise<void> {
  const items = [...f.items.values()];
  if (items.length > 0) {
    const sets = ITEM_COUNTERS.map((c) => `${c} = insights_item_days.${c} + EXCLUDED.${c}`).join(', ');
    const casts = ITEM_COUNTERS.map((_, i) => `$${i + 6}::bigint[]`).join(', ');
    await tx.query(
      `INSERT INTO insights_item_days (item_type, item_id, day, store_id, creator_id, ${ITEM_COUNTERS.join(', ')})
       SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::text[], ${casts})
       ON CONFLICT (item_type, item_id, day) DO UPDATE SET ${sets}, store_id = COALESCE(EXCLUDED.store_id, insights_item_days.store_id), creator_id = COALESCE(EXCLUDED.creator_id, insights_item_days.creator_id)`,
      [items.map((i) => i.itemType), items.map((i) => i.itemId), items.map((i) => i.day), items.map((i) => i.storeId), items.map((i) => i.creatorId), ...cols(items, ITEM_COUNTERS, (i) => i.n)],
    );
  }
  const stores = [...f.stores.values()];
  if (stores.length > 0) {
    const sets = STORE_COUNTERS.map((c) => `${c} = insights_store_days.${c} + EXCLUDED.${c}`).join(', ');
    const casts = STORE_COUNTERS.map((_, i) => `$${i + 4}::bigint[]`).join(', ');
    await tx.query(
      `INSERT INTO insights_store_days (store_id, day, field, ${STORE_COUNTERS.join(', ')})
       SELECT * FROM unnest($1::text[], $2::date[], $3::text[], ${casts})
       ON CONFLICT (store_id, day, field) DO UPDATE SET ${sets}`,
      [stores.map((s) => s.storeId), stores.map((s) => s.day), stores.map((s) => s.field), ...cols(stores, STORE_COUNTERS, (s) => s.n)],
    );
  }
  if (f.visitors.size > 0) {
    const v = [...f.visitors].map((k) => k.split(' '));
    // Only a visitor new to its store and day raises the day's count: a repeat adds nothing.
    await tx.query(
      `WITH fresh AS (
         INSERT INTO insights_store_visitors (store_id, day, actor) SELECT s, d, hashtextextended(a, 0) FROM unnest($1::text[], $2::date[], $3::text[]) AS u(s, d, a)
         ON CONFLICT DO NOTHING RETURNING store_id, day)
       INSERT INTO insights_visitor_days (store_id, day, visitors) SELECT store_id, day, count(*)::int FROM fresh GROUP BY store_id, day
       ON CONFLICT (store_id, day) DO UPDATE SET visitors = insights_visitor_days.visitors + EXCLUDED.visitors`,
      [v.map((x) => x[0]), v.map((x) => x[1]), v.map((x) => x[2])],
    );
    // The latest day of each (store, viewer) in the page, once per pair (one statement must not touch a row twice).
    const last = new Map<string, [string, string, string]>();
    for (const [store, day, actor] of v as Array<[string, string, string]>) {
      const key = `${store} ${actor}`;
      const had = last.get(key);
      if (!had || had[1] < day) last.set(key, [store, day, actor]);
    }
    const l = [...last.values()];
    await tx.query(
      `INSERT INTO insights_last_visits (store_id, actor, last_day) SELECT s, hashtextextended(a, 0), d FROM unnest($1::text[], $2::date[], $3::text[]) AS u(s, d, a)
       ON CONFLICT (store_id, actor) DO UPDATE SET last_day = GREATEST(insights_last_visits.last_day, EXCLUDED.last_day)`,
      [l.map((x) => x[0]), l.map((x) => x[1]), l.map((x) => x[2])],
    );
  }
  if (f.exposure.size > 0) await exposure(tx, f.exposure, newCreatorDays);
  if (f.presence.size > 0) {
    const p = [...f.presence].map((k) => k.split(' '));
    // Only presence new to its minute raises the minute's viewers: a repeat of a page adds nothing.
    await tx.query(
      `WITH fresh AS (
         INSERT INTO insights_live_presence (room_id, minute, actor)
         SELECT r, to_timestamp(m::double precision / 1000), a FROM unnest($1::text[], $2::bigint[], $3::text[]) AS u(r, m, a)
         ON CONFLICT DO NOTHING RETURNING room_id, minute)
       INSERT INTO insights_live_minutes (room_id, minute, viewers)
       SELECT room_id, minute, count(*)::int FROM fresh GROUP BY room_id, minute
       ON CONFLICT (room_id, minute) DO UPDATE SET viewers = insights_live_minutes.viewers + EXCLUDED.viewers`,
      [p.map((x) => x[0]), p.map((x) => x[1]), p.map((x) => x[2])],
    );
  }
}

/** Video impressions per day, and those going to creators whose first video is at most `newDays` old that day. */
async function exposure(tx: Tx, byDay: Folded['exposure'], newDays: number): Promise<void> {
  const creators = [...new Set([...byDay.values()].flatMap((m) => [...m.keys()]).filter((c): c is string => c !== null))];
  const first = new Map(
    creators.length === 0 ? [] : (await tx.query<{ creator_id: string; first_video_at: Date }>('SELECT creator_id, first_video_at FROM insights_creators WHERE creator_id = ANY($1::text[])', [creators])).map((r) => [r.creator_id, new Date(r.first_video_at).getTime()]),
  );
  const days: string[] = [];
  const all: number[] = [];
  const fresh: number[] = [];
  for (const [day, m] of byDay) {
    const dayEnd = Date.parse(`${day}T16:00:00.000Z`); // 24:00 in Beijing
    let n = 0;
    let nNew = 0;
    for (const [creator, count] of m) {
      n += count;
      const f = creator === null ? undefined : first.get(creator);
      if (f !== undefined && dayEnd - f <= newDays * 86_400_000) nNew += count;
    }
    days.push(day);
    all.push(n);
    fresh.push(nNew);
  }
  await tx.query(
    `INSERT INTO insights_exposure_days (day, impressions, new_creator_impressions) SELECT * FROM unnest($1::date[], $2::bigint[], $3::bigint[])
     ON CONFLICT (day) DO UPDATE SET impressions = insights_exposure_days.impressions + EXCLUDED.impressions, new_creator_impressions = insights_exposure_days.new_creator_impressions + EXCLUDED.new_creator_impressions`,
    [days, all, fresh],
  );
}
