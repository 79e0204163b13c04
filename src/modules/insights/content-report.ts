// Content figures: each video's and live room's funnel (impressions → views → product taps →
// orders → paid), GPM, watch time and finish rate; a live room minute by minute; creators' sales.
// Traffic comes from the log's sums, sales from the lines whose last touch was the content.
import type { Queryable } from '../../platform/db/index.ts';
import { gpm, ratio, type Channel } from './attribution.ts';
import { dayStart, addDays, type DayRange } from './range.ts';

export interface ContentRow {
  type: 'video' | 'live';
  id: string;
  creatorId: string | null;
  impressions: number;
  views: number;
  productTaps: number;
  /** Orders created with a line from this content (paid or not). */
  orders: number;
  paidOrders: number;
  gmvFen: number;
  /** GMV per 1,000 views, in fen. */
  gpmFen: number | null;
  watchMs: number;
  avgWatchMs: number | null;
  finishRate: number | null;
  /** views ÷ impressions, product taps ÷ views, paid orders ÷ product taps. */
  viewRate: number | null;
  tapRate: number | null;
  payRate: number | null;
}

const SOURCE_OF = { video: 'feed_video', live: 'live_room' } as const;

/** The scope of a content list: a store's (content selling its goods or carrying them) or a creator's own. */
export type ContentScope = { storeId: string } | { creatorId: string };

export async function contentRows(q: Queryable, scope: ContentScope, range: DayRange, limit: number): Promise<ContentRow[]> {
  const byStore = 'storeId' in scope;
  const who = byStore ? scope.storeId : scope.creatorId;
  const r = [who, range.from, range.to];
  const from = dayStart(range.from);
  const to = dayStart(addDays(range.to, 1));
  // Sales first: content that sold in the range is listed even if its traffic belongs elsewhere.
  const sold = await q.query<{ source_type: string; source_id: string; orders: number; paid: number; gmv: number }>(
    `SELECT source_type, source_id, count(DISTINCT order_id) FILTER (WHERE created_at >= $2 AND created_at < $3)::int AS orders,
            count(DISTINCT order_id) FILTER (WHERE paid_at >= $2 AND paid_at < $3)::int AS paid,
            COALESCE(sum(paid_fen) FILTER (WHERE paid_at >= $2 AND paid_at < $3), 0)::bigint AS gmv
       FROM insights_lines
      WHERE ${byStore ? 'store_id' : 'creator_id'} = $1 AND source_type IN ('feed_video', 'live_room')
        AND ((created_at >= $2 AND created_at < $3) OR (paid_at >= $2 AND paid_at < $3))
      GROUP BY source_type, source_id`,
    [who, from, to],
  );
  const top = await q.query<{ item_type: 'video' | 'live'; item_id: string }>(
    `SELECT item_type, item_id FROM insights_item_days
      WHERE ${byStore ? 'store_id' : 'creator_id'} = $1 AND item_type IN ('video', 'live') AND day BETWEEN $2::date AND $3::date
      GROUP BY item_type, item_id ORDER BY sum(views) DESC, item_id LIMIT $4`,
    [...r, limit],
  );
  const keys = new Map<string, { type: 'video' | 'live'; id: string }>();
  for (const t of top) keys.set(`${t.item_type}:${t.item_id}`, { type: t.item_type, id: t.item_id });
  for (const s of sold) {
    const type = s.source_type === 'live_room' ? 'live' : 'video';
    keys.set(`${type}:${s.source_id}`, { type, id: s.source_id });
  }
  if (keys.size === 0) return [];
  const list = [...keys.values()];
  const traffic = await q.query<{ item_type: 'video' | 'live'; item_id: string; creator_id: string | null; impressions: number; views: number; taps: number; finishes: number; watch_ms: number }>(
    `SELECT d.item_type, d.item_id, max(d.creator_id) AS creator_id, sum(impressions)::bigint AS impressions, sum(views)::bigint AS views,
            sum(product_taps)::bigint AS taps, sum(finishes)::bigint AS finishes, sum(watch_ms)::bigint AS watch_ms
       FROM insights_item_days d JOIN unnest($1::text[], $2::text[]) AS k(t, i) ON d.item_type = k.t AND d.item_id = k.i
      WHERE d.day BETWEEN $3::date AND $4::date
      GROUP BY d.item_type, d.item_id`,
    [list.map((k) => k.type), list.map((k) => k.id), range.from, range.to],
  );
  const t = new Map(traffic.map((x) => [`${x.item_type}:${x.item_id}`, x]));
  const s = new Map(sold.map((x) => [`${x.source_type === 'live_room' ? 'live' : 'video'}:${x.source_id}`, x]));
  const rows = list.map((k): ContentRow => {
    const tr = t.get(`${k.type}:${k.id}`);
    const sa = s.get(`${k.type}:${k.id}`);
    const views = Number(tr?.views ?? 0);
    const impressions = Number(tr?.impressions ?? 0);
    const taps = Number(tr?.taps ?? 0);
    const watch = Number(tr?.watch_ms ?? 0);
    const gmv = Number(sa?.gmv ?? 0);
    const paid = sa?.paid ?? 0;
    return {
      type: k.type,
      id: k.id,
      creatorId: tr?.creator_id ?? (byStore ? null : who),
      impressions,
      views,
      productTaps: taps,
      orders: sa?.orders ?? 0,
      paidOrders: paid,
      gmvFen: gmv,
      gpmFen: gpm(gmv, views),
      watchMs: watch,
      // A live room has no end to finish and its plays rarely carry watch time: unknown, not zero.
      avgWatchMs: views > 0 && (k.type === 'video' || watch > 0) ? Math.round(watch / views) : null,
      finishRate: k.type === 'video' ? ratio(Number(tr?.finishes ?? 0), views) : null,
      viewRate: ratio(views, impressions),
      tapRate: ratio(taps, views),
      payRate: ratio(paid, taps),
    };
  });
  return rows.sort((a, b) => b.gmvFen - a.gmvFen || b.views - a.views || a.id.localeCompare(b.id)).slice(0, limit);
}

export interface LiveMinute {
  minute: string;
  /** Concurrent viewers sampled from the room at that minute. */
  online: number;
  /** Distinct viewers seen in the behaviour log during the minute. */
  viewers: number;
  orders: number;
  gmvFen: number;
}

/** A live room minute by minute, from its first to its last minute with anything. */
export async function liveMinutes(q: Queryable, roomId: string): Promise<LiveMinute[]> {
  const rows = await q.query<{ minute: Date; online: number; viewers: number; orders: number; gmv: number }>(
    `WITH sales AS (
       SELECT date_trunc('minute', paid_at) AS minute, count(DISTINCT order_id)::int AS orders, sum(paid_fen)::bigint AS gmv
         FROM insights_lines WHERE source_type = 'live_room' AND source_id = $1 AND paid_at IS NOT NULL GROUP BY 1)
     SELECT COALESCE(m.minute, s.minute) AS minute, COALESCE(m.online, 0) AS online, COALESCE(m.viewers, 0) AS viewers,
            COALESCE(s.orders, 0) AS orders, COALESCE(s.gmv, 0)::bigint AS gmv
       FROM (SELECT minute, online, viewers FROM insights_live_minutes WHERE room_id = $1) m
       FULL JOIN sales s ON s.minute = m.minute
      ORDER BY 1`,
    [roomId],
  );
  return rows.map((r) => ({ minute: new Date(r.minute).toISOString(), online: r.online, viewers: r.viewers, orders: r.orders, gmvFen: Number(r.gmv) }));
}

export interface CreatorSales {
  creatorId: string;
  channel: Channel;
  gmvFen: number;
  orders: number;
  buyers: number;
}

/** Creators who sold a store's goods in the range, best first. */
export async function storeCreators(q: Queryable, storeId: string, range: DayRange, limit: number): Promise<CreatorSales[]> {
  const rows = await q.query<{ creator_id: string; channel: Channel; gmv: number; orders: number; buyers: number }>(
    `SELECT creator_id, max(channel) AS channel, sum(paid_fen)::bigint AS gmv, count(DISTINCT order_id)::int AS orders, count(DISTINCT buyer_id)::int AS buyers
       FROM insights_lines WHERE store_id = $1 AND creator_id IS NOT NULL AND paid_day BETWEEN $2::date AND $3::date
      GROUP BY creator_id ORDER BY 3 DESC, creator_id LIMIT $4`,
    [storeId, range.from, range.to, limit],
  );
  return rows.map((r) => ({ creatorId: r.creator_id, channel: r.channel, gmvFen: Number(r.gmv), orders: r.orders, buyers: r.buyers }));
}

/** A creator's own sales over the range, per day (all stores). */
export async function creatorDays(q: Queryable, creatorId: string, range: DayRange): Promise<Array<{ day: string; gmvFen: number; orders: number; views: number; impressions: number }>> {
  const sales = await q.query<{ day: string; gmv: number; orders: number }>(
    `SELECT paid_day::text AS day, sum(paid_fen)::bigint AS gmv, count(DISTINCT order_id)::int AS orders FROM insights_lines
      WHERE creator_id = $1 AND paid_day BETWEEN $2::date AND $3::date GROUP BY paid_day`,
    [creatorId, range.from, range.to],
  );
  const traffic = await q.query<{ day: string; views: number; impressions: number }>(
    `SELECT day::text AS day, sum(views)::bigint AS views, sum(impressions)::bigint AS impressions FROM insights_item_days
      WHERE creator_id = $1 AND item_type IN ('video', 'live') AND day BETWEEN $2::date AND $3::date GROUP BY day`,
    [creatorId, range.from, range.to],
  );
  const s = new Map(sales.map((x) => [x.day, x]));
  const t = new Map(traffic.map((x) => [x.day, x]));
  const out: Array<{ day: string; gmvFen: number; orders: number; views: number; impressions: number }> = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) out.push({ day: d, gmvFen: Number(s.get(d)?.gmv ?? 0), orders: s.get(d)?.orders ?? 0, views: Number(t.get(d)?.views ?? 0), impressions: Number(t.get(d)?.impressions ?? 0) });
  return out;
}
