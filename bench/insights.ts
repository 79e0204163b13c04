// Insights: a store's 30-day dashboard on a platform whose behaviour log holds 10M events.
//   npm run bench -- insights [--events 10000000] [--stores 200] [--orders 300000] [--queries 200] [--keep]
// A fresh PostgreSQL database with the platform's migrations; stores, goods, videos and live rooms
// made through the services (videos straight into content's table: transcoding is not measured);
// 30 days of behaviour COPYed into the feed module's log in time order, 1% late (Zipf over stores:
// the biggest has about a tenth of everything); order facts written straight into insights' own order tables (the rows
// its consumers write; checkout is not what this measures). Then, in the same run:
//  - build: the insights tail reads the whole log and folds it into its sums (events/s);
//  - the dashboard (every figure of GET /merchant/stores/:id/insights over 30 days) for the
//    biggest store and a median one, p50/p99 over --queries runs;
//  - the same figures by a plain SQL aggregate over the raw log, with an index on
//    (item_type, item_id, at) to be fair to it, and the same order tables.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createPlatform } from '../src/main.ts';
import { loadConfig } from '../src/platform/config.ts';
import { newId, seededId } from '../src/platform/ids.ts';
import { addDays, chinaDay, dayStart } from '../src/modules/insights/range.ts';
import { flag, report, round } from './_util.ts';

const EVENTS = flag('events', 10_000_000);
const STORES = flag('stores', 200);
const ORDERS = flag('orders', 300_000);
const QUERIES = flag('queries', 200);
const ACTORS = 400_000;
const GOODS_PER_STORE = 10;
const VIDEOS_PER_STORE = 40;
const DAY_MS = 86_400_000;
const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (m: string) => console.error(`[insights] ${m}`);
const now = () => performance.now();

/** Deterministic pseudo-random numbers (mulberry32: the same world every run, and successive draws independent). */
let seed = 42;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
};

/** Store ranks by a Zipf law (s = 0.8): cumulative weights to pick from. */
const zipf = (() => {
  const w = Array.from({ length: STORES }, (_, k) => 1 / (k + 1) ** 0.8);
  const total = w.reduce((a, b) => a + b, 0);
  let acc = 0;
  return w.map((x) => (acc += x / total));
})();
const pickStore = () => {
  const r = rnd();
  let lo = 0;
  let hi = zipf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (zipf[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const dbName = `flywheel_bench_insights_${process.pid}`;
const admin = new pg.Client({ connectionString: PG });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const u = new URL(PG);
u.pathname = `/${dbName}`;
const platform = await createPlatform(loadConfig({ DATABASE_URL: u.toString(), LOG_LEVEL: 'silent', SERVE_WEB: 'false', INSIGHTS_TAIL_BATCH: '20000' }), { logger: false });
const raw = new pg.Client({ connectionString: u.toString() });
await raw.connect();
const figures: Record<string, number | string> = { events: EVENTS, stores: STORES, orders: ORDERS };
try {
  const s = platform.services;
  log('making stores, goods, videos and rooms…');
  const merchantId = seededId('usr', 8_000_000);
  await platform.db.tx((tx) => s.identity.importUsers(tx, [{ id: merchantId, email: 'bench-insights@example.com', password: 'bench-password', displayName: '罗盘压测', roles: ['merchant', 'creator'] }]));
  const cat = await s.categories.create({ nameZh: '压测', nameEn: 'Bench' });
  const stores: Array<{ id: string; goods: string[]; videos: string[]; rooms: string[] }> = [];
  for (let i = 0; i < STORES; i++) {
    const store = await s.stores.create(merchantId, { name: `罗盘店${i}` });
    const goods: string[] = [];
    for (let g = 0; g < GOODS_PER_STORE; g++) goods.push((await s.products.create(store.id, merchantId, { title: `罗盘商品${i}-${g}`, categoryId: cat.id, skus: [{ optionValues: {}, priceFen: 1000 + g * 500, stock: 1000 }] })).id);
    const videos = Array.from({ length: VIDEOS_PER_STORE }, () => newId('vid'));
    await platform.db.query(`INSERT INTO videos (id, author_id, title, status, duration_ms, published_at) SELECT id, $2, '罗盘视频', 'ready', 15000, now() FROM unnest($1::text[]) AS id`, [videos, merchantId]);
    await platform.db.query('INSERT INTO video_products (video_id, product_id, position) SELECT v, $2, 0 FROM unnest($1::text[]) AS v', [videos, goods[0]]);
    const rooms = [(await s.live.rooms.create(merchantId, { title: `罗盘直播${i}`, storeId: store.id, productIds: goods.slice(0, 3) })).id];
    stores.push({ id: store.id, goods, videos, rooms });
  }

  log(`writing ${EVENTS.toLocaleString()} events over 30 days…`);
  const end = Date.now();
  const start = end - 30 * DAY_MS;
  const kinds = ['impression', 'impression', 'impression', 'impression', 'play', 'play', 'finish', 'like', 'product_tap', 'quick_swipe', 'share', 'comment'];
  const sources = ['feed', 'feed', 'feed', 'search', 'mall', 'store', 'live'];
  let t = now();
  const rows = function* () {
    let chunk = '';
    for (let n = 0; n < EVENTS; n++) {
      const st = stores[pickStore()]!;
      const r = rnd();
      let itemType: string;
      let itemId: string;
      let type: string;
      if (r < 0.6) {
        itemType = 'video';
        itemId = st.videos[Math.floor(rnd() * st.videos.length)]!;
        type = kinds[Math.floor(rnd() * kinds.length)]!;
      } else if (r < 0.7) {
        itemType = 'live';
        itemId = st.rooms[0]!;
        type = kinds[Math.floor(rnd() * kinds.length)]!;
      } else {
        itemType = 'product';
        itemId = st.goods[Math.floor(rnd() * st.goods.length)]!;
        type = rnd() < 0.6 ? 'impression' : rnd() < 0.8 ? 'product_tap' : 'add_to_cart';
      }
      const actor = Math.floor(rnd() * ACTORS);
      // The log is appended as things happen: in time order, a few minutes of client-clock jitter,
      // and one event in a hundred arriving late (from an earlier day of the month).
      const on = start + (n / EVENTS) * (end - start);
      const at = new Date(rnd() < 0.01 ? start + rnd() * (on - start) : Math.min(end - 1, Math.max(start, on + (rnd() - 0.5) * 600_000))).toISOString();
      const watch = type === 'play' ? String(Math.floor(rnd() * 15000)) : '\\N';
      chunk += `user\tu${actor}\te${n}\t${type}\t${itemType}\t${itemId}\t${watch}\t${type === 'play' ? '15000' : '\\N'}\t${sources[Math.floor(rnd() * sources.length)]}\t\\N\t${at}\n`;
      if (chunk.length > 1 << 20) {
        yield Buffer.from(chunk);
        chunk = '';
      }
    }
    if (chunk) yield Buffer.from(chunk);
  };
  await pipeline(Readable.from(rows()), raw.query(copyFrom('COPY feed_events (actor_kind, actor_id, client_event_id, type, item_type, item_id, watch_ms, duration_ms, source, position, at) FROM STDIN')));
  figures.loadSeconds = round((now() - t) / 1000, 1);

  log(`writing ${ORDERS.toLocaleString()} orders…`);
  const fields = ['content', 'content', 'centre', 'other'];
  const channels = ['F', 'A', 'T', 'C', 'N'];
  const orderRows = function* () {
    let lines = '';
    for (let n = 0; n < ORDERS; n++) {
      const st = stores[pickStore()]!;
      const paidAt = new Date(start + rnd() * (end - start));
      const fen = 1000 + Math.floor(rnd() * 20) * 500;
      lines += `o${n}\t${st.id}\tu${Math.floor(rnd() * ACTORS)}\t${fen}\t${paidAt.toISOString()}\t${paidAt.toISOString()}\t${chinaDay(paidAt)}\t${fields[n % 4]}\t${channels[n % 5]}\t${st.goods[n % st.goods.length]}\n`;
      if (lines.length > 1 << 20) {
        yield Buffer.from(lines);
        lines = '';
      }
    }
    if (lines) yield Buffer.from(lines);
  };
  await raw.query('CREATE UNLOGGED TABLE bench_orders (id text, store_id text, buyer_id text, fen bigint, created_at timestamptz, paid_at timestamptz, paid_day date, field text, channel text, product_id text)');
  await pipeline(Readable.from(orderRows()), raw.query(copyFrom('COPY bench_orders FROM STDIN')));
  // The rows insights' consumers write for a paid one-line order: the order with its field and
  // channel bits (FIELDS / CHANNELS order of attribution.ts), the line, the day's sales cell.
  await raw.query(`INSERT INTO insights_orders (order_id, store_id, buyer_id, pay_fen, created_at, paid_at, paid_day, fields, channels)
                   SELECT id, store_id, buyer_id, fen, created_at, paid_at, paid_day, 1 << (array_position(ARRAY['content', 'centre', 'other'], field) - 1),
                          1 << (array_position(ARRAY['F', 'A', 'C', 'T', 'N'], channel) - 1) FROM bench_orders`);
  await raw.query(`INSERT INTO insights_sales_days (store_id, day, field, channel, gmv_fen) SELECT store_id, paid_day, field, channel, sum(fen) FROM bench_orders GROUP BY 1, 2, 3, 4`);
  await raw.query(`INSERT INTO insights_lines (order_id, line_no, store_id, buyer_id, product_id, quantity, paid_fen, field, channel, created_at, paid_at, paid_day)
                   SELECT id, 1, store_id, buyer_id, product_id, 1, fen, field, channel, created_at, paid_at, paid_day FROM bench_orders`);
  await raw.query('DROP TABLE bench_orders');

  log('insights tails the whole log…');
  t = now();
  const folded = await s.insights.traffic.catchUp();
  const buildS = (now() - t) / 1000;
  figures.buildSeconds = round(buildS, 1);
  figures.tailEventsPerSecond = Math.round(folded / buildS);
  await raw.query('VACUUM ANALYZE');

  const biggest = stores[0]!.id;
  const median = stores[Math.floor(STORES / 2)]!.id;
  const today = chinaDay(new Date());
  const range = s.insights.range({ from: addDays(today, -29), to: today });
  const dash = async (id: string) => s.insights.store(id, range);

  // The same figures by a plain aggregate over the raw log (item owners as a join table).
  log('indexing the raw log for the plain aggregate…');
  await raw.query(`CREATE UNLOGGED TABLE bench_owners (item_type text, item_id text, store_id text, PRIMARY KEY (item_type, item_id))`);
  const owners = stores.flatMap((st) => [...st.goods.map((g) => ['product', g, st.id]), ...st.videos.map((v) => ['video', v, st.id]), ...st.rooms.map((r) => ['live', r, st.id])]);
  await raw.query('INSERT INTO bench_owners SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [owners.map((o) => o[0]), owners.map((o) => o[1]), owners.map((o) => o[2])]);
  t = now();
  await raw.query('CREATE INDEX bench_feed_item_at ON feed_events (item_type, item_id, at)');
  figures.plainIndexSeconds = round((now() - t) / 1000, 1);
  await raw.query('ANALYZE');
  const from = dayStart(range.from);
  const to = dayStart(addDays(range.to, 1));
  const plain = async (storeId: string) => {
    const traffic = await raw.query(
      `SELECT ((e.at AT TIME ZONE 'Asia/Shanghai')::date)::text AS day,
              count(*) FILTER (WHERE e.type = 'impression') AS impressions, count(*) FILTER (WHERE e.type = 'play') AS views,
              count(*) FILTER (WHERE e.type = 'product_tap') AS taps
         FROM feed_events e JOIN bench_owners o ON o.item_type = e.item_type AND o.item_id = e.item_id
        WHERE o.store_id = $1 AND e.at >= $2 AND e.at < $3 GROUP BY 1`,
      [storeId, from, to],
    );
    const visitors = await raw.query(
      `SELECT count(DISTINCT e.actor_id) AS n FROM feed_events e JOIN bench_owners o ON o.item_type = e.item_type AND o.item_id = e.item_id
        WHERE o.store_id = $1 AND e.item_type = 'product' AND e.type IN ('product_tap', 'add_to_cart') AND e.at >= $2 AND e.at < $3`,
      [storeId, from, to],
    );
    // Sales from the order lines as sold, split the plain way (distinct counts per group).
    const sales = await raw.query(
      `SELECT paid_day, sum(paid_fen), count(DISTINCT order_id), count(DISTINCT buyer_id) FROM insights_lines WHERE store_id = $1 AND paid_day BETWEEN $2::date AND $3::date GROUP BY paid_day`,
      [storeId, range.from, range.to],
    );
    const split = await raw.query(
      `SELECT field, channel, sum(paid_fen)::bigint AS gmv, count(DISTINCT order_id) AS orders, count(DISTINCT buyer_id) AS buyers
         FROM insights_lines WHERE store_id = $1 AND paid_day BETWEEN $2::date AND $3::date GROUP BY GROUPING SETS ((field), (channel), ())`,
      [storeId, range.from, range.to],
    );
    const all = split.rows.find((r: { field: string | null; channel: string | null }) => r.field === null && r.channel === null);
    return { traffic: traffic.rows, visitors: Number(visitors.rows[0].n), days: sales.rows.length, gmv: Number(all?.gmv ?? 0), buyers: Number(all?.buyers ?? 0) };
  };

  // The two ways must agree before either is timed.
  for (const id of [biggest, median]) {
    const a = await dash(id);
    const b = await plain(id);
    const views = b.traffic.reduce((x: number, r: { views: string }) => x + Number(r.views), 0);
    if (a.totals.views !== views || a.totals.visitors !== b.visitors || a.totals.gmvFen !== b.gmv || a.totals.buyers !== b.buyers) {
      throw new Error(`figures disagree for ${id}: views ${a.totals.views} vs ${views}, visitors ${a.totals.visitors} vs ${b.visitors}, GMV ${a.totals.gmvFen} vs ${b.gmv}, buyers ${a.totals.buyers} vs ${b.buyers}`);
    }
    figures[id === biggest ? 'biggestStoreEvents30d' : 'medianStoreEvents30d'] = b.traffic.reduce((x: number, r: { impressions: string; views: string; taps: string }) => x + Number(r.impressions) + Number(r.views) + Number(r.taps), 0);
  }

  for (const [name, id] of [['biggest', biggest], ['median', median]] as const) {
    for (let i = 0; i < 10; i++) await dash(id);
    const times: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const q = now();
      await dash(id);
      times.push(now() - q);
    }
    figures[`${name}DashboardP50Ms`] = round(pct(times, 50), 1);
    figures[`${name}DashboardP99Ms`] = round(pct(times, 99), 1);
    const plainTimes: number[] = [];
    await plain(id);
    for (let i = 0; i < 5; i++) {
      const q = now();
      await plain(id);
      plainTimes.push(now() - q);
    }
    figures[`${name}PlainSqlP50Ms`] = round(pct(plainTimes, 50), 1);
    figures[`${name}SpeedupX`] = round(pct(plainTimes, 50) / pct(times, 50), 1);
    log(`${name}: dashboard p50 ${figures[`${name}DashboardP50Ms`]} ms, p99 ${figures[`${name}DashboardP99Ms`]} ms; plain SQL p50 ${figures[`${name}PlainSqlP50Ms`]} ms`);
  }
} finally {
  await raw.end().catch(() => undefined);
  await platform.close();
  // --keep leaves the database for a look with psql (EXPLAIN the dashboard's statements).
  if (process.argv.includes('--keep')) log(`kept database ${dbName}`);
  else await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
report('insights', figures, { biggestDashboardP99Ms: '≤ 200', medianDashboardP99Ms: '≤ 200' });
