// The generated world of `npm run bench -- feed`, built the same way in every engine replica:
// item popularity and user activity are Zipf-like, users stick to a few categories, and
// consecutive events of a user are often related items.
import { OnlineEngine } from '../src/engines/recs/online/engine.ts';
import type { Signal, SignalType } from '../src/engines/recs/online/types.ts';
import { mulberry32 } from '../src/engines/recs/rng.ts';

export interface WorldSize {
  items: number;
  users: number;
  events: number;
}

export interface BuiltWorld {
  engine: OnlineEngine;
  now: number;
  itemsMs: number;
  ingestMs: number;
}

export const T0 = Date.UTC(2026, 10, 1);
const CATS = 200;
const TYPES: SignalType[] = ['impression', 'impression', 'impression', 'play', 'play', 'finish', 'like', 'product_tap', 'share', 'add_to_cart', 'quick_swipe', 'not_interested', 'order'];

export const zipf = (rand: () => number, n: number, s = 1.1) => Math.min(n - 1, Math.floor(Math.pow(rand(), s * 3) * n));

export function buildWorld(size: WorldSize, progress: (done: number) => void = () => {}): BuiltWorld {
  const rand = mulberry32(42);
  const engine = new OnlineEngine();
  const t0 = performance.now();
  for (let i = 0; i < size.items; i++) {
    engine.upsertItem({ id: `v${i}`, kind: i % 500 === 0 ? 'live' : 'video', authorId: `a${i % Math.max(1, Math.floor(size.items / 20))}`, storeId: i % 3 === 0 ? `s${i % 5000}` : null, categoryId: `c${i % CATS}`, publishedAt: T0 - (i % 30) * 86_400_000 });
  }
  const itemsMs = performance.now() - t0;
  const last = new Int32Array(size.users).fill(-1);
  const t1 = performance.now();
  for (let e = 0; e < size.events; e++) {
    const u = zipf(rand, size.users, 1);
    // Half the time the next item is near the user's last one (the same category and id block).
    const prev = last[u]!;
    const item = prev >= 0 && rand() < 0.5 ? (prev + CATS * (1 + Math.floor(rand() * 5))) % size.items : zipf(rand, size.items, 1.3);
    last[u] = item;
    const type = TYPES[Math.floor(rand() * TYPES.length)]!;
    engine.ingest({ viewer: `u${u}`, type, itemId: `v${item}`, at: T0 + e * 20, watchMs: 8000, durationMs: 15000 });
    if (e % 1_000_000 === 999_999) { engine.tick(T0 + e * 20); progress(e + 1); }
  }
  const ingestMs = performance.now() - t1;
  const now = T0 + size.events * 20 + 60_000;
  engine.tick(now);
  return { engine, now, itemsMs, ingestMs };
}

/** What a viewer does with a served page: every item is an impression; some are watched, liked, tapped or swiped away. */
export function reactions(rand: () => number, viewer: string, items: string[], at: number): Signal[] {
  const out: Signal[] = [];
  items.forEach((itemId, k) => {
    const t = at + k * 3000;
    out.push({ viewer, type: 'impression', itemId, at: t });
    const r = rand();
    if (r < 0.15) out.push({ viewer, type: 'quick_swipe', itemId, at: t + 500 });
    else {
      out.push({ viewer, type: 'play', itemId, at: t + 1000, watchMs: Math.floor(3000 + rand() * 12_000), durationMs: 15_000 });
      if (r > 0.6) out.push({ viewer, type: 'finish', itemId, at: t + 2000 });
      if (r > 0.93) out.push({ viewer, type: 'like', itemId, at: t + 2100 });
      if (r > 0.97) out.push({ viewer, type: 'product_tap', itemId, at: t + 2200 });
    }
  });
  return out;
}
