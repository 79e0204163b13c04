// A store's dashboard over a range of China days: sales (GMV, orders, buyers, average order value,
// refunds), traffic (impressions, views, product taps, visitors), conversion, and the split by
// field and by FACT channel. Reads only insights' own tables; every figure is defined in
// definitions.ts, and the tests check each on a hand-computed fixture.
import type { Queryable } from '../../platform/db/index.ts';
import { CHANNELS, FIELDS, ratio, type Channel, type Field } from './attribution.ts';
import { daysOf, type DayRange } from './range.ts';

export interface SalesFigures {
  gmvFen: number;
  orders: number;
  buyers: number;
  /** GMV ÷ orders, whole fen; null without orders. */
  aovFen: number | null;
}

export interface StoreDay extends SalesFigures {
  day: string;
  refundFen: number;
  impressions: number;
  views: number;
  productTaps: number;
  visitors: number;
}

export interface StoreDashboard {
  storeId: string;
  range: DayRange;
  totals: SalesFigures & { refundFen: number; impressions: number; views: number; productTaps: number; visitors: number; conversion: number | null };
  days: StoreDay[];
  fields: Array<SalesFigures & { field: Field; impressions: number; views: number; productTaps: number }>;
  channels: Array<SalesFigures & { channel: Channel; share: number | null }>;
}

const sales = (gmvFen: number, orders: number, buyers: number): SalesFigures => ({ gmvFen, orders, buyers, aovFen: orders > 0 ? Math.round(gmvFen / orders) : null });

export async function storeDashboard(q: Queryable, storeId: string, range: DayRange): Promise<StoreDashboard> {
  const p = [storeId, range.from, range.to];
  const paid = 'FROM insights_orders WHERE store_id = $1 AND paid_day BETWEEN $2::date AND $3::date';
  // Distinct counts as DISTINCT subqueries (hashed) rather than count(DISTINCT …) (sorted).
  const perDay = await q.query<{ day: string; gmv: number; orders: number; buyers: number }>(
    `SELECT d.paid_day::text AS day, d.gmv, d.orders, b.buyers
       FROM (SELECT paid_day, sum(pay_fen)::bigint AS gmv, count(*)::int AS orders ${paid} GROUP BY paid_day) d
       JOIN (SELECT paid_day, count(*)::int AS buyers FROM (SELECT DISTINCT paid_day, buyer_id ${paid}) x GROUP BY paid_day) b USING (paid_day)`,
    p,
  );
  // Orders and buyers by field and channel from the orders' bitmasks (0002_sales_rollup.sql): one
  // pass over the store's orders and one grouping by buyer, instead of de-duplicating lines.
  const bits = (col: string, n: number) => Array.from({ length: n }, (_, i) => `count(*) FILTER (WHERE ${col} & ${1 << i} <> 0)::int`).join(', ');
  const [mixRow] = await q.query<{ buyers: number; fo: number[]; co: number[]; fb: number[]; cb: number[] }>(
    `WITH o AS MATERIALIZED (SELECT buyer_id, fields, channels ${paid}),
          b AS (SELECT bit_or(fields) AS f, bit_or(channels) AS c FROM o GROUP BY buyer_id)
     SELECT x.fo, x.co, y.buyers, y.fb, y.cb
       FROM (SELECT ARRAY[${bits('fields', FIELDS.length)}] AS fo, ARRAY[${bits('channels', CHANNELS.length)}] AS co FROM o) x,
            (SELECT count(*)::int AS buyers, ARRAY[${bits('f', FIELDS.length)}] AS fb, ARRAY[${bits('c', CHANNELS.length)}] AS cb FROM b) y`,
    p,
  );
  const mix = mixRow ?? { buyers: 0, fo: [], co: [], fb: [], cb: [] };
  const cells = await q.query<{ field: Field; channel: Channel; gmv: number }>(
    'SELECT field, channel, sum(gmv_fen)::bigint AS gmv FROM insights_sales_days WHERE store_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY field, channel',
    p,
  );
  const refunds = await q.query<{ day: string; fen: number }>(
    'SELECT day::text AS day, sum(amount_fen)::bigint AS fen FROM insights_refunds WHERE store_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY day',
    p,
  );
  const traffic = await q.query<{ day: string; field: Field; impressions: number; views: number; taps: number }>(
    `SELECT day::text AS day, field, impressions, views, product_taps AS taps
       FROM insights_store_days WHERE store_id = $1 AND day BETWEEN $2::date AND $3::date`,
    p,
  );
  const visitorDays = await q.query<{ day: string; n: number }>('SELECT day::text AS day, visitors AS n FROM insights_visitor_days WHERE store_id = $1 AND day BETWEEN $2::date AND $3::date', p);
  const visitors = { n: await distinctVisitors(q, storeId, range) };
  const gmvOf = (key: 'field' | 'channel', v: string) => cells.filter((c) => c[key] === v).reduce((a, c) => a + Number(c.gmv), 0);
  const total = { buyers: mix.buyers };
  const split = {
    field: new Map(FIELDS.map((f, i) => [f as string, { gmv: gmvOf('field', f), orders: mix.fo[i] ?? 0, buyers: mix.fb[i] ?? 0 }])),
    channel: new Map(CHANNELS.map((c, i) => [c as string, { gmv: gmvOf('channel', c), orders: mix.co[i] ?? 0, buyers: mix.cb[i] ?? 0 }])),
  };

  const byDay = new Map(perDay.map((r) => [r.day, r]));
  const refundByDay = new Map(refunds.map((r) => [r.day, Number(r.fen)]));
  const visitorsByDay = new Map(visitorDays.map((r) => [r.day, r.n]));
  const trafficByDay = new Map<string, { impressions: number; views: number; taps: number }>();
  const trafficByField = new Map<Field, { impressions: number; views: number; taps: number }>();
  for (const t of traffic) {
    for (const [map, key] of [[trafficByDay, t.day], [trafficByField, t.field]] as const) {
      const m = map as Map<string, { impressions: number; views: number; taps: number }>;
      const acc = m.get(key) ?? { impressions: 0, views: 0, taps: 0 };
      acc.impressions += Number(t.impressions);
      acc.views += Number(t.views);
      acc.taps += Number(t.taps);
      m.set(key, acc);
    }
  }
  const days: StoreDay[] = daysOf(range).map((day) => {
    const s = byDay.get(day);
    const t = trafficByDay.get(day);
    return { day, ...sales(Number(s?.gmv ?? 0), s?.orders ?? 0, s?.buyers ?? 0), refundFen: refundByDay.get(day) ?? 0, impressions: t?.impressions ?? 0, views: t?.views ?? 0, productTaps: t?.taps ?? 0, visitors: visitorsByDay.get(day) ?? 0 };
  });
  const sum = (k: 'impressions' | 'views' | 'productTaps' | 'refundFen') => days.reduce((a, d) => a + d[k], 0);
  const gmv = perDay.reduce((a, r) => a + Number(r.gmv), 0);
  const orders = perDay.reduce((a, r) => a + r.orders, 0);
  const fieldRows = split.field;
  const channelRows = split.channel;
  // Shares of the goods sold (lines), which leave out shipping fees that GMV includes.
  const linesFen = [...channelRows.values()].reduce((a, r) => a + Number(r.gmv), 0);
  return {
    storeId,
    range,
    totals: { ...sales(gmv, orders, total?.buyers ?? 0), refundFen: sum('refundFen'), impressions: sum('impressions'), views: sum('views'), productTaps: sum('productTaps'), visitors: visitors?.n ?? 0, conversion: ratio(total?.buyers ?? 0, visitors?.n ?? 0) },
    days,
    fields: FIELDS.map((field) => {
      const r = fieldRows.get(field);
      const t = trafficByField.get(field);
      return { field, ...sales(Number(r?.gmv ?? 0), r?.orders ?? 0, r?.buyers ?? 0), impressions: t?.impressions ?? 0, views: t?.views ?? 0, productTaps: t?.taps ?? 0 };
    }),
    channels: CHANNELS.map((channel) => {
      const r = channelRows.get(channel);
      const g = Number(r?.gmv ?? 0);
      return { channel, ...sales(g, r?.orders ?? 0, r?.buyers ?? 0), share: ratio(g, linesFen) };
    }),
  };
}

/**
 * Distinct visitors over the range. When no visit of the store is later than the range's end (the
 * usual "last N days"), a viewer visited in the range exactly when their last visit is on or after
 * its first day: a count over an index. Otherwise every visit of the range is de-duplicated.
 */
async function distinctVisitors(q: Queryable, storeId: string, range: DayRange): Promise<number> {
  const later = await q.query('SELECT 1 FROM insights_visitor_days WHERE store_id = $1 AND day > $2::date LIMIT 1', [storeId, range.to]);
  const [row] =
    later.length === 0
      ? await q.query<{ n: number }>('SELECT count(*)::int AS n FROM insights_last_visits WHERE store_id = $1 AND last_day >= $2::date', [storeId, range.from])
      : await q.query<{ n: number }>('SELECT count(*)::int AS n FROM (SELECT DISTINCT actor FROM insights_store_visitors WHERE store_id = $1 AND day BETWEEN $2::date AND $3::date) v', [storeId, range.from, range.to]);
  return row?.n ?? 0;
}
