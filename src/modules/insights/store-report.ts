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
  // Distinct counts as DISTINCT subqueries (hashed) rather than count(DISTINCT …) (sorted): on the
  // biggest store of the benchmark that was most of the dashboard's time.
  const [total] = await q.query<{ buyers: number }>(`SELECT count(*)::int AS buyers FROM (SELECT DISTINCT buyer_id ${paid}) b`, p);
  const perDay = await q.query<{ day: string; gmv: number; orders: number; buyers: number }>(
    `SELECT d.paid_day::text AS day, d.gmv, d.orders, b.buyers
       FROM (SELECT paid_day, sum(pay_fen)::bigint AS gmv, count(*)::int AS orders ${paid} GROUP BY paid_day) d
       JOIN (SELECT paid_day, count(*)::int AS buyers FROM (SELECT DISTINCT paid_day, buyer_id ${paid}) x GROUP BY paid_day) b USING (paid_day)`,
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
  const visits = 'FROM insights_visitors WHERE store_id = $1 AND day BETWEEN $2::date AND $3::date';
  const visitorDays = await q.query<{ day: string; n: number }>(`SELECT day::text AS day, count(*)::int AS n ${visits} GROUP BY day`, p);
  const [visitors] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT DISTINCT actor ${visits}) v`, p);
  const cells = await q.query<{ by: 'field' | 'channel'; key: string; m: 'gmv' | 'orders' | 'buyers'; v: number }>(
    `WITH l AS MATERIALIZED (SELECT field, channel, order_id, buyer_id, paid_fen FROM insights_lines WHERE store_id = $1 AND paid_day BETWEEN $2::date AND $3::date)
     SELECT 'field' AS by, field AS key, 'gmv' AS m, sum(paid_fen)::bigint AS v FROM l GROUP BY field
     UNION ALL SELECT 'channel', channel, 'gmv', sum(paid_fen)::bigint FROM l GROUP BY channel
     UNION ALL SELECT 'field', field, 'orders', count(*) FROM (SELECT DISTINCT field, order_id FROM l) x GROUP BY field
     UNION ALL SELECT 'field', field, 'buyers', count(*) FROM (SELECT DISTINCT field, buyer_id FROM l) x GROUP BY field
     UNION ALL SELECT 'channel', channel, 'orders', count(*) FROM (SELECT DISTINCT channel, order_id FROM l) x GROUP BY channel
     UNION ALL SELECT 'channel', channel, 'buyers', count(*) FROM (SELECT DISTINCT channel, buyer_id FROM l) x GROUP BY channel`,
    p,
  );
  const split = { field: new Map<string, { gmv: number; orders: number; buyers: number }>(), channel: new Map<string, { gmv: number; orders: number; buyers: number }>() };
  for (const c of cells) {
    const m = split[c.by];
    const row = m.get(c.key) ?? { gmv: 0, orders: 0, buyers: 0 };
    row[c.m] = Number(c.v);
    m.set(c.key, row);
  }

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
