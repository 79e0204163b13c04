// The demo history on its own: deterministic, in the past, shaped like people (favourites get
// more, good videos are finished more), and — replayed into the serving engine with its own
// clock — a story the engine tells back: videos promoted and held, a personal page for the
// account people try, nothing hidden from it.
import { describe, expect, it } from 'vitest';
import { OnlineEngine } from '../engines/recs/online/engine.ts';
import { DEFAULT_SETTINGS } from '../engines/recs/online/types.ts';
import { DAY, goodsHistory, HISTORY_DAYS, SHOWCASE_MIN_AGE_MS, videoHistory, videoTiers, viewerProfiles, type HistoryProduct, type HistoryVideo } from './history.ts';

const NOW = Date.UTC(2026, 10, 25, 8);
const GROUPS = ['home', 'food', 'rural', 'beauty', 'sports'];
const people = [
  { kind: 'user' as const, id: 'me', favourites: ['home', 'rural'], showcase: true },
  ...Array.from({ length: 14 }, (_, i) => ({ kind: 'user' as const, id: `u${i}` })),
  ...Array.from({ length: 600 }, (_, i) => ({ kind: 'device' as const, id: `dev-${i}` })),
];
const viewers = viewerProfiles(people, GROUPS, 7);
const products: HistoryProduct[] = Array.from({ length: 500 }, (_, i) => ({ id: `p${i}`, group: GROUPS[i % GROUPS.length]! }));
const videos: HistoryVideo[] = Array.from({ length: 6 }, (_, i) => ({ id: `v${i}`, authorId: `author${i % 2}`, group: ['home', 'rural', 'food'][i % 3]!, productId: `p${i}`, durationMs: 6000 }));

describe('demo history', () => {
  it('is deterministic, in the past, and the account people try did everything before the seen window', () => {
    const a = videoHistory(viewers, videos, { now: NOW, seed: 3 });
    const b = videoHistory(viewerProfiles(people, GROUPS, 7), videos, { now: NOW, seed: 3 });
    expect(b.rows).toEqual(a.rows);
    const goods = goodsHistory(viewers, products, { now: NOW, seed: 4 });
    const all = [...a.rows, ...goods];
    expect(all.length).toBeGreaterThan(3000);
    expect(all.length).toBeLessThan(40_000);
    for (const r of all) {
      expect(r.at.getTime()).toBeLessThan(NOW);
      expect(r.at.getTime()).toBeGreaterThan(NOW - (HISTORY_DAYS + 1) * DAY);
    }
    const mine = all.filter((r) => r.actorId === 'me');
    expect(mine.length).toBeGreaterThan(10);
    expect(Math.max(...mine.map((r) => r.at.getTime()))).toBeLessThanOrEqual(NOW - SHOWCASE_MIN_AGE_MS);
    for (let i = 1; i < all.length && i < a.rows.length; i++) expect(a.rows[i]!.at.getTime()).toBeGreaterThanOrEqual(a.rows[i - 1]!.at.getTime());
    // Likes only from signed-in viewers; no orders without orders.
    expect(a.rows.some((r) => r.type === 'like' && r.actorKind === 'device')).toBe(false);
    expect(all.some((r) => r.type === 'order' || r.type === 'refund')).toBe(false);
    expect(a.likes.length).toBe(a.rows.filter((r) => r.type === 'like').length);
  });

  it('gives each viewer 1–3 favourites, which they browse most', () => {
    for (const v of viewers) expect(v.favourites.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...viewers.map((v) => v.favourites.length))).toBe(3);
    const goods = goodsHistory(viewers, products, { now: NOW, seed: 4 });
    const groupOf = new Map(products.map((p) => [p.id, p.group]));
    const favs = new Map(viewers.map((v) => [v.id, v.favourites]));
    const inFav = goods.filter((r) => favs.get(r.actorId)!.includes(groupOf.get(r.itemId)!)).length;
    expect(inFav / goods.length).toBeGreaterThan(0.7);
    // A long tail: the most tapped product is tapped far more than the median one.
    const taps = new Map<string, number>();
    for (const r of goods) if (r.type === 'product_tap') taps.set(r.itemId, (taps.get(r.itemId) ?? 0) + 1);
    const counts = [...taps.values()].sort((x, y) => y - x);
    expect(counts[0]!).toBeGreaterThan(5 * counts[Math.floor(counts.length / 2)]!);
  });

  it('tells the engine a story: videos promoted from the first pool and held in it, and a personal page with nothing hidden', () => {
    const { rows } = videoHistory(viewers, videos, { now: NOW, seed: 3 });
    const e = new OnlineEngine(DEFAULT_SETTINGS);
    for (const v of videos) e.upsertItem({ id: v.id, kind: 'video', authorId: v.authorId, storeId: null, categoryId: v.group, publishedAt: NOW - 14 * DAY });
    for (const r of rows) e.ingest({ viewer: r.actorKind === 'user' ? r.actorId : `device:${r.actorId}`, type: r.type, itemId: r.itemId, at: r.at.getTime(), watchMs: r.watchMs, durationMs: r.durationMs });
    e.tick(NOW);
    const reports = videos.map((v) => e.poolReport(v.id)!);
    const tiers = videoTiers(videos, 3 + 1);
    expect(reports.filter((r) => r.level > 0).length).toBeGreaterThanOrEqual(2);
    expect(reports.filter((r) => r.status === 'held').length).toBeGreaterThanOrEqual(1);
    reports.forEach((r, i) => {
      if (tiers[i]!.tier === 'weak') expect(r.status).toBe('held');
      if (tiers[i]!.tier === 'new') expect(r).toMatchObject({ level: 0, status: 'testing' });
    });
    // Videos that do well are finished more often than weak ones.
    const finish = (tier: string) => reports.filter((_, i) => tiers[i]!.tier === tier).reduce((s, r) => s + r.rates.finish, 0) / reports.filter((_, i) => tiers[i]!.tier === tier).length;
    expect(finish('good')).toBeGreaterThan(finish('weak'));
    const page = e.page('me', 10, NOW);
    expect(page.length).toBe(videos.length);
    expect(page.some((s) => s.reason.source === 'similar' || s.reason.source === 'interest')).toBe(true);
  });

  it('holds the weakest and keeps the newest in the first pool whatever the number of videos', () => {
    expect(videoTiers(videos.slice(0, 1), 1).map((t) => t.tier)).toEqual(['good']);
    expect(videoTiers(videos.slice(0, 2), 1).map((t) => t.tier).sort()).toEqual(['good', 'weak']);
    const many = Array.from({ length: 48 }, (_, i) => ({ ...videos[0]!, id: `m${i}`, authorId: `a${i % 5}` }));
    const tiers = videoTiers(many, 1).map((t) => t.tier);
    expect(tiers.filter((t) => t === 'new').length).toBe(8);
    expect(tiers.filter((t) => t === 'weak').length).toBe(10);
    expect(tiers.slice(40).every((t) => t === 'new')).toBe(true);
  });
});
