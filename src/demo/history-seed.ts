// Writes the demo world's history (history.ts) through the feed module's own service
// (FeedEvents.importHistory: items checked, repeats dropped, one transaction). Two parts, because
// the demo videos are made in a background job long after the world: the goods history when
// the world is created, the videos' history when the demo videos are ready (content.ts).
// The viewers are the demo shoppers and creators (by their demo emails) and anonymous devices;
// the same seed gives them the same tastes in both parts.
import type { Platform } from '../main.ts';
import type { EventRow } from '../modules/feed/insert.ts';
import { CATEGORIES, CREATORS, SHOPPERS, STORES } from './data.ts';
import { goodsHistory, viewerProfiles, videoHistory, type HistoryProduct, type HistoryVideo, type HistoryViewer } from './history.ts';

type SeedPlatform = Pick<Platform, 'services'>;

const SEED = 20261126;
/** Anonymous devices in the history: enough for the first pools (200 impressions) to fill. */
export const DEMO_DEVICES = 600;
/** Goods the history is about: the first this many (the world may hold a million). */
const GOODS = 3000;

export interface HistoryStats {
  events: number;
  dropped: number;
  ms: number;
}

/** The demo viewers with their tastes; the showcase shopper likes the two demo merchants' kinds of goods. */
async function viewers(platform: SeedPlatform): Promise<{ list: HistoryViewer[]; rootOf: Map<string, string> }> {
  const { identity, categories } = platform.services;
  const tree = await categories.tree();
  const rootOf = new Map<string, string>();
  for (const root of tree) for (const leaf of root.children) rootOf.set(leaf.id, root.id);
  const rootByName = new Map(tree.map((r) => [r.nameZh, r.id]));
  const showcaseTaste = [STORES[0]!.roots[0]!, STORES[1]!.roots[0]!].map((i) => rootByName.get(CATEGORIES[i]!.zh)).filter((x): x is string => Boolean(x));
  const emails = ['shopper@demo.flywheel', ...SHOPPERS.map((_, i) => `shopper${i + 2}@demo.flywheel`), 'creator@demo.flywheel', ...CREATORS.slice(1).map((_, i) => `creator${i + 2}@demo.flywheel`)];
  const people: Array<{ kind: 'user' | 'device'; id: string; favourites?: string[]; showcase?: boolean }> = [];
  for (const email of emails) {
    const u = await identity.findByEmail(email);
    if (!u) continue;
    people.push(email === 'shopper@demo.flywheel' ? { kind: 'user', id: u.id, favourites: showcaseTaste, showcase: true } : { kind: 'user', id: u.id });
  }
  for (let i = 1; i <= DEMO_DEVICES; i++) people.push({ kind: 'device', id: `demo-device-${String(i).padStart(4, '0')}` });
  return { list: viewerProfiles(people, tree.map((r) => r.id), SEED), rootOf };
}

/** The goods part: product taps and carts of the demo viewers over the past two weeks. */
export async function seedGoodsHistory(platform: SeedPlatform, now = Date.now()): Promise<HistoryStats> {
  const t0 = performance.now();
  const { list, rootOf } = await viewers(platform);
  const facts = await platform.services.productCards.feedFacts({ afterId: null, limit: GOODS });
  const products: HistoryProduct[] = facts.flatMap((p) => (rootOf.has(p.categoryId) ? [{ id: p.id, group: rootOf.get(p.categoryId)! }] : []));
  const rows = goodsHistory(list, products, { now, seed: SEED + 1 });
  const r = await platform.services.feedEvents.importHistory(rows.map((row, i) => ({ ...row, clientEventId: `demo:g:${i}` })));
  return { events: r.stored, dropped: r.dropped, ms: performance.now() - t0 };
}

/**
 * The videos part, for these public videos (given in the order they were made): impressions,
 * plays, finishes, likes, shares, product taps and negative feedback, so the first pools are used
 * and judged. Likes by signed-in viewers are also given to the content module, whose counts the
 * video pages show.
 */
export async function seedVideoHistory(platform: SeedPlatform, videoIds: string[], now = Date.now()): Promise<HistoryStats> {
  const t0 = performance.now();
  const { videos, productCards, engagement, feedEvents } = platform.services;
  const found = new Map((await videos.viewPublic(videoIds, null)).map((v) => [v.id, v]));
  const list = videoIds.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
  if (list.length === 0) return { events: 0, dropped: 0, ms: performance.now() - t0 };
  const { list: people, rootOf } = await viewers(platform);
  const facts = new Map((await productCards.feedFacts({ ids: list.flatMap((v) => v.products.slice(0, 1).map((p) => p.id)) })).map((p) => [p.id, p]));
  const items: HistoryVideo[] = list.map((v) => {
    const p = v.products[0] ? facts.get(v.products[0].id) : undefined;
    return { id: v.id, authorId: v.author.id, productId: p?.id ?? null, group: p ? (rootOf.get(p.categoryId) ?? null) : null, durationMs: v.durationMs ?? 6000 };
  });
  const { rows, likes } = videoHistory(people, items, { now, seed: SEED + 2 });
  const keyed: EventRow[] = rows.map((row, i) => ({ ...row, clientEventId: `demo:v:${i}` }));
  const r = await feedEvents.importHistory(keyed);
  for (const l of likes) await engagement.like(l.videoId, l.userId, true);
  return { events: r.stored, dropped: r.dropped, ms: performance.now() - t0 };
}

/**
 * The history of the demo videos, once they are ready: waits (up to `maxWaitMs`) until none of
 * the planned videos is still being transcoded and the distribution engine in this process has
 * heard each published one (events about a video it does not know yet would be lost to it until
 * the next start's replay), then seeds their history in the order they were made.
 */
export async function seedDemoVideosHistory(
  platform: Pick<Platform, 'services'>,
  plans: ReadonlyArray<{ authorId: string; productId: string; title: string }>,
  opts: { signal?: AbortSignal; maxWaitMs?: number; pollMs?: number } = {},
): Promise<HistoryStats> {
  const { videos, feedHost } = platform.services;
  const deadline = Date.now() + (opts.maxWaitMs ?? 5 * 60_000);
  for (;;) {
    opts.signal?.throwIfAborted();
    const mine = new Map<string, Awaited<ReturnType<typeof videos.listMine>>['items']>();
    for (const a of new Set(plans.map((p) => p.authorId))) mine.set(a, (await videos.listMine(a, { limit: 100, offset: 0 })).items);
    const made = plans.flatMap((p) => mine.get(p.authorId)!.filter((v) => v.title === p.title && v.products.some((x) => x.id === p.productId)).slice(0, 1));
    const ready = made.filter((v) => v.status === 'ready' && v.visibility === 'public');
    const settled = made.every((v) => v.status !== 'processing') && ready.every((v) => feedHost.content.items.has(v.id));
    // In plan order: the order they were made is the order they "appeared" in the history.
    if (settled || Date.now() > deadline) return seedVideoHistory(platform, ready.map((v) => v.id));
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 500));
  }
}
