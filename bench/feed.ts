// `npm run bench -- feed [--items N] [--users N] [--events N] [--pages N]`: the serving engine on a
// generated world (default 1M items, 100k users, 10M events): how long building it from the
// event log takes, memory, and the time to serve a 20-item page (p50/p99), measured in-process
// on the engine (the HTTP hop and hydration are not in these figures). The world has skew like
// a real one: item popularity and user activity are Zipf-like, users stick to a few categories,
// and consecutive events of a user are often related items. Baseline in the same run: sorting
// 20 random items out of the viewer's candidate count, to show the floor on this machine.
import { OnlineEngine } from '../src/engines/recs/online/engine.ts';
import { mulberry32 } from '../src/engines/recs/rng.ts';
import type { SignalType } from '../src/engines/recs/online/types.ts';
import { flag, report, round } from './_util.ts';

const ITEMS = flag('items', 1_000_000);
const USERS = flag('users', 100_000);
const EVENTS = flag('events', 10_000_000);
const PAGES = flag('pages', 5000);
const CATS = 200;
const rand = mulberry32(42);
const zipf = (n: number, s = 1.1) => Math.min(n - 1, Math.floor(Math.pow(rand(), s * 3) * n));

const T0 = Date.UTC(2026, 10, 1);
const engine = new OnlineEngine();
const started = process.hrtime.bigint();
for (let i = 0; i < ITEMS; i++) {
  engine.upsertItem({ id: `v${i}`, kind: i % 500 === 0 ? 'live' : 'video', authorId: `a${i % (ITEMS / 20)}`, storeId: i % 3 === 0 ? `s${i % 5000}` : null, categoryId: `c${i % CATS}`, publishedAt: T0 - (i % 30) * 86_400_000 });
}
const itemsMs = Number(process.hrtime.bigint() - started) / 1e6;
const TYPES: SignalType[] = ['impression', 'impression', 'impression', 'play', 'play', 'finish', 'like', 'product_tap', 'share', 'add_to_cart', 'quick_swipe', 'not_interested', 'order'];
const last = new Int32Array(USERS).fill(-1);
const ingestStart = process.hrtime.bigint();
for (let e = 0; e < EVENTS; e++) {
  const u = zipf(USERS, 1);
  // Half the time the next item is near the user's last one (the same category and id block).
  const prev = last[u]!;
  const item = prev >= 0 && rand() < 0.5 ? (prev + CATS * (1 + Math.floor(rand() * 5))) % ITEMS : zipf(ITEMS, 1.3);
  last[u] = item;
  const type = TYPES[Math.floor(rand() * TYPES.length)]!;
  engine.ingest({ viewer: `u${u}`, type, itemId: `v${item}`, at: T0 + e * 20, watchMs: 8000, durationMs: 15000 });
  if (e % 1_000_000 === 999_999) { engine.tick(T0 + e * 20); process.stderr.write(`ingested ${e + 1}\n`); }
}
const ingestMs = Number(process.hrtime.bigint() - ingestStart) / 1e6;
const now = T0 + EVENTS * 20 + 60_000;
engine.tick(now);
global.gc?.();
const mem = process.memoryUsage();

const times: number[] = [];
for (let p = 0; p < PAGES; p++) {
  const u = `u${zipf(USERS, 1)}`;
  const t = process.hrtime.bigint();
  engine.page(u, 20, now + p);
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}
times.sort((a, b) => a - b);
const q = (x: number) => times[Math.min(times.length - 1, Math.floor(x * times.length))]!;
report('feed', {
  items: ITEMS, users: USERS, events: EVENTS,
  build_items_s: round(itemsMs / 1000, 1), ingest_s: round(ingestMs / 1000, 1), ingest_events_per_s: Math.round(EVENTS / (ingestMs / 1000)),
  heap_mb: Math.round(mem.heapUsed / 1048576), rss_mb: Math.round(mem.rss / 1048576),
  page_p50_ms: round(q(0.5)), page_p99_ms: round(q(0.99)), page_max_ms: round(times[times.length - 1]!), pages_per_s_one_core: Math.round(1000 / (times.reduce((a, b) => a + b, 0) / times.length)),
}, { page_p99_ms: '≤ 20 per 20-item page at 200 concurrent requests (this is the engine alone, one core)', memory: 'printed' });
