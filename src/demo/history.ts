// The demo world's past: a deterministic history of behaviour events, so a fresh `npm start`
// shows a feed that is already personal, traffic pools with videos promoted and held, related
// goods and 猜你喜欢 with reasons. Pure (no I/O): history-seed.ts feeds it the world and writes
// what it returns through the feed module.
//
// The structure is what the engine learns from: each viewer has 1–3 favourite categories (root
// categories) and browses them most; goods and videos have a popularity (a few are hits); each
// author has a level, so some authors' videos do better; every video gets its first traffic pool
// within hours of appearing, the good ones go on to a larger audience and the weak ones (many
// quick swipes) stop there, and the newest are still in their first pool. No orders and no
// refunds: those come only from real orders (commerce; orders.ts places the demo's first ones). No follows
// or comments either: follows are relations owned elsewhere, comments would need their text.
import { DEFAULT_SETTINGS } from '../engines/recs/online/types.ts';
import type { EventRow } from '../modules/feed/insert.ts';
import { seededRandom } from '../platform/random.ts';

export const DAY = 86_400_000;
const HOUR = 3_600_000;
/** How far back the history goes. */
export const HISTORY_DAYS = 14;
/**
 * The account people sign in to try (shopper@demo.flywheel) did everything longer ago than the
 * engine's seen window: its history shapes its feed, and hides nothing from it.
 */
export const SHOWCASE_MIN_AGE_MS = DEFAULT_SETTINGS.seenTtlMs + DAY;

export interface HistoryViewer {
  kind: 'user' | 'device';
  id: string;
  /** Root category ids this viewer likes. */
  favourites: string[];
  /** 0..1: how much this viewer uses the app. */
  activity: number;
  /** The account people try: all its events are older than SHOWCASE_MIN_AGE_MS. */
  showcase?: boolean;
}

export interface HistoryProduct { id: string; group: string }
export interface HistoryVideo { id: string; authorId: string; group: string | null; productId: string | null; durationMs: number }

type Rand = () => number;
type Row = Omit<EventRow, 'clientEventId'>;

/** Favourites and activity for each viewer, the same for the same seed and groups. */
export function viewerProfiles(viewers: Array<{ kind: 'user' | 'device'; id: string; favourites?: string[]; showcase?: boolean }>, groups: readonly string[], seed: number): HistoryViewer[] {
  const rand = seededRandom(seed);
  return viewers.map((v) => {
    const n = 1 + Math.floor(rand() * 3);
    const picked = new Set<string>();
    while (picked.size < Math.min(n, groups.length)) picked.add(groups[Math.floor(rand() * groups.length)]!);
    const activity = v.showcase ? 1 : rand() ** 1.5;
    return { kind: v.kind, id: v.id, favourites: v.favourites ?? [...picked], activity, ...(v.showcase ? { showcase: true } : {}) };
  });
}

/** Latest time an event of this viewer may have. */
const latest = (v: HistoryViewer, now: number) => now - (v.showcase ? SHOWCASE_MIN_AGE_MS : HOUR);

/** Index into a list, skewed to its head: a cheap long tail (a few hits, many rarely seen). */
const skewed = (rand: Rand, n: number, power = 2.2) => Math.min(n - 1, Math.floor(n * rand() ** power));

/**
 * Browsing goods: sessions in one category each (mostly a favourite), a few product taps from
 * the mall, search or a store page, some added to the cart (by signed-in viewers only: the cart
 * needs an account). Taps in one session link the goods (related goods); the viewer's taps give
 * 猜你喜欢 its interests.
 */
export function goodsHistory(viewers: readonly HistoryViewer[], products: readonly HistoryProduct[], opts: { now: number; seed: number }): Row[] {
  const rand = seededRandom(opts.seed);
  const byGroup = new Map<string, HistoryProduct[]>();
  for (const p of products) {
    let l = byGroup.get(p.group);
    if (!l) byGroup.set(p.group, (l = []));
    l.push(p);
  }
  // Each category's goods in a seeded order of popularity.
  for (const l of byGroup.values()) shuffle(l, rand);
  const groups = [...byGroup.keys()];
  if (groups.length === 0) return [];
  const sources = ['mall', 'mall', 'search', 'store', 'product'];
  const rows: Row[] = [];
  for (const v of viewers) {
    const taps = v.kind === 'user' ? 12 + Math.floor(v.activity * 30) : 2 + Math.floor(v.activity * 10);
    const end = latest(v, opts.now);
    const start = opts.now - HISTORY_DAYS * DAY;
    for (let done = 0; done < taps; ) {
      const favs = v.favourites.filter((g) => byGroup.has(g));
      const group = favs.length && rand() < 0.8 ? favs[Math.floor(rand() * favs.length)]! : groups[Math.floor(rand() * groups.length)]!;
      const list = byGroup.get(group)!;
      let at = start + rand() * (end - start - HOUR);
      const source = sources[Math.floor(rand() * sources.length)]!;
      for (let k = 2 + Math.floor(rand() * 4); k > 0 && done < taps; k--, done++) {
        const p = list[skewed(rand, list.length)]!;
        rows.push(event(v, 'product_tap', 'product', p.id, at, source));
        if (rand() < 0.22 && v.kind === 'user') rows.push(event(v, 'add_to_cart', 'product', p.id, at + 15_000 + rand() * 60_000, source));
        at += 30_000 + rand() * 90_000;
      }
    }
  }
  return byTime(rows);
}

/** How a video fares: hits and good ones are promoted from the first pool, weak ones are held, new ones are still in it. */
export type Tier = 'good' | 'weak' | 'new';

/** Tiers and qualities (0..1) of videos given in the order they appeared: authors differ, then each video. */
export function videoTiers(videos: readonly HistoryVideo[], seed: number): Array<{ tier: Tier; quality: number }> {
  const rand = seededRandom(seed);
  const authorLevel = new Map<string, number>();
  for (const a of [...new Set(videos.map((v) => v.authorId))].sort()) authorLevel.set(a, 0.25 + rand() * 0.5);
  const quality = videos.map((v) => Math.min(1, Math.max(0, authorLevel.get(v.authorId)! + (rand() - 0.5) * 0.3)));
  const n = videos.length;
  // The newest sixth is still testing; of the rest, the weakest quarter (at least one of two) is held.
  const fresh = Math.floor(n / 6);
  const judged = n - fresh;
  const weak = judged >= 2 ? Math.max(1, Math.round(judged / 4)) : 0;
  const weakest = new Set(quality.slice(0, judged).map((q, i) => [q, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).slice(0, weak).map(([, i]) => i));
  return videos.map((_, i) => ({ tier: i >= judged ? 'new' : weakest.has(i) ? 'weak' : 'good', quality: quality[i]! }));
}

/**
 * Watching videos in the feed, as the app reports it: an impression, a finish when it came to
 * its end, a play with the watch time, a quick swipe when left within a second, now and then
 * 不感兴趣, likes (signed-in viewers only: the app asks to sign in), shares, and taps on the
 * video's product card (which also tap the product; signed-in viewers sometimes add it to the cart).
 * Returns the rows in time order and the likes, which the content module counts too.
 */
export function videoHistory(viewers: readonly HistoryViewer[], videos: readonly HistoryVideo[], opts: { now: number; seed: number }): { rows: Row[]; likes: Array<{ userId: string; videoId: string }> } {
  const rand = seededRandom(opts.seed);
  const tiers = videoTiers(videos, opts.seed + 1);
  const rows: Row[] = [];
  const likes: Array<{ userId: string; videoId: string }> = [];
  const n = videos.length;
  videos.forEach((video, i) => {
    const { tier, quality } = tiers[i]!;
    // Judged videos appeared 13 to 5 days ago, oldest first; new ones in the last two days.
    const appeared = tier === 'new' ? opts.now - (0.3 + rand() * 1.5) * DAY : opts.now - (13 - (8 * i) / Math.max(1, n - 1)) * DAY;
    const audience = tier === 'new' ? 60 + Math.floor(rand() * 120) : tier === 'weak' ? 205 + Math.floor(rand() * 35) : 250 + Math.floor(quality * 350 + rand() * 100);
    const fav = (v: HistoryViewer) => video.group !== null && v.favourites.includes(video.group);
    const eligible = viewers.filter((v) => latest(v, opts.now) > appeared + HOUR);
    // Weighted sampling without replacement (Efraimidis–Spirakis): fans and active viewers first.
    const chosen = eligible
      .map((v) => ({ v, key: Math.log(rand()) / ((fav(v) ? 3 : 1) * (0.2 + v.activity) * (v.showcase && fav(v) ? 100 : 1)) }))
      .sort((a, b) => b.key - a.key)
      .slice(0, audience);
    const firstPool = DEFAULT_SETTINGS.pools.sizes[0]!;
    chosen.forEach(({ v }, k) => {
      // The first pool is served within hours of appearing; the rest (promoted) over the days after.
      const end = latest(v, opts.now);
      const at = k < firstPool * 1.1 ? appeared + rand() * Math.min(8 * HOUR, end - appeared) : appeared + 8 * HOUR + rand() * Math.max(0, end - appeared - 8 * HOUR);
      watch(rows, likes, rand, v, video, Math.min(at, end), { tier, quality, fan: fav(v) });
    });
  });
  return { rows: byTime(rows), likes };
}

function watch(rows: Row[], likes: Array<{ userId: string; videoId: string }>, rand: Rand, v: HistoryViewer, video: HistoryVideo, at: number, f: { tier: Tier; quality: number; fan: boolean }): void {
  const d = video.durationMs;
  rows.push(event(v, 'impression', 'video', video.id, at, 'feed'));
  // The account people try has a clear taste: it never swipes past its favourites.
  const negative = v.showcase && f.fan ? 0 : f.tier === 'weak' ? 0.3 : Math.min(0.12, Math.max(0.02, 0.1 - 0.06 * f.quality - (f.fan ? 0.03 : 0)));
  if (rand() < negative) {
    const watched = 200 + Math.floor(rand() * 700);
    rows.push({ ...event(v, 'play', 'video', video.id, at + watched, 'feed'), watchMs: watched, durationMs: d });
    rows.push(event(v, rand() < 0.12 ? 'not_interested' : 'quick_swipe', 'video', video.id, at + watched + 50, 'feed'));
    return;
  }
  const pFinish = v.showcase && f.fan ? 0.9 : f.tier === 'weak' ? 0.15 : 0.25 + 0.45 * f.quality + (f.fan ? 0.15 : 0);
  const finished = rand() < pFinish;
  const watched = Math.round(finished ? d * (1 + rand() * 0.6) : d * (0.2 + rand() * 0.7));
  if (finished) rows.push(event(v, 'finish', 'video', video.id, at + d, 'feed'));
  const during = at + watched * 0.6;
  const boost = f.fan ? 1.6 : 1;
  if (v.kind === 'user' && rand() < (v.showcase && f.fan ? 0.6 : (0.06 + 0.2 * f.quality) * boost)) {
    rows.push(event(v, 'like', 'video', video.id, during, 'feed'));
    likes.push({ userId: v.id, videoId: video.id });
  }
  if (rand() < (0.005 + 0.03 * f.quality) * boost) rows.push(event(v, 'share', 'video', video.id, during + 500, 'feed'));
  if (video.productId && rand() < (0.02 + 0.08 * f.quality) * boost) {
    rows.push(event(v, 'product_tap', 'video', video.id, during + 1000, 'feed'));
    rows.push(event(v, 'product_tap', 'product', video.productId, during + 1000, 'feed'));
    if (rand() < 0.3 && v.kind === 'user') rows.push(event(v, 'add_to_cart', 'product', video.productId, during + 40_000, 'feed'));
  }
  rows.push({ ...event(v, 'play', 'video', video.id, at + watched, 'feed'), watchMs: watched, durationMs: d });
}

function event(v: HistoryViewer, type: Row['type'], itemType: Row['itemType'], itemId: string, at: number, source: string): Row {
  return { actorKind: v.kind, actorId: v.id, type, itemType, itemId, watchMs: null, durationMs: null, source, position: null, at: new Date(Math.round(at)) };
}

/** Oldest first (the engine replays the log in the order it was written); ties keep their order. */
function byTime(rows: Row[]): Row[] {
  return rows.map((r, i) => [r, i] as const).sort((a, b) => a[0].at.getTime() - b[0].at.getTime() || a[1] - b[1]).map(([r]) => r);
}

function shuffle<T>(xs: T[], rand: Rand): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
}
