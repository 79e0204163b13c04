// The serving engine with a controllable clock: every claim of issue 5's "Freshness" list, and the
// re-ranking rules, on small worlds whose right answers are known.
import { describe, expect, it } from 'vitest';
import { OnlineEngine } from './engine.ts';
import { DEFAULT_SETTINGS, type FeedItem, type Signal } from './types.ts';

const T0 = Date.UTC(2026, 10, 25);
const MIN = 60_000;

function world(n: number, opts: Partial<FeedItem> = {}, at = T0 - 3600_000): OnlineEngine {
  const e = new OnlineEngine({ ...DEFAULT_SETTINGS, pools: { ...DEFAULT_SETTINGS.pools, slotsPerPage: 0 } });
  for (let i = 0; i < n; i++) e.upsertItem({ id: `v${i}`, kind: 'video', authorId: `a${i}`, storeId: null, categoryId: `c${i % 5}`, publishedAt: at, ...opts });
  return e;
}

const sig = (viewer: string, type: Signal['type'], itemId: string, at = T0, extra: Partial<Signal> = {}): Signal => ({ viewer, type, itemId, at, ...extra });

describe('online engine', () => {
  it('changes a viewer’s next page after one event: people who liked v1 went on to v2', () => {
    const e = world(30);
    for (let u = 0; u < 20; u++) { e.ingest(sig(`u${u}`, 'like', 'v1')); e.ingest(sig(`u${u}`, 'like', 'v2')); }
    // Better-liked videos that have nothing to do with v1.
    for (let u = 0; u < 40; u++) for (const v of ['v13', 'v14', 'v18']) e.ingest(sig(`fan${u}`, 'like', v));
    const twin = e.page('twin', 10, T0 + MIN).map((s) => s.item.id);
    e.ingest(sig('me', 'like', 'v1', T0 + 2 * MIN));
    const after = e.page('me', 10, T0 + 2 * MIN + 1000);
    expect(after[0]!.item.id).toBe('v2');
    expect(after[0]!.reason).toMatchObject({ source: 'similar', becauseOf: 'v1' });
    expect(twin[0]).not.toBe('v2');
  });

  it('never serves an item twice within the seen window, nor what the viewer rejected', () => {
    const e = world(40);
    const first = e.page('me', 10, T0).map((s) => s.item.id);
    const second = e.page('me', 10, T0 + 1000).map((s) => s.item.id);
    expect(new Set([...first, ...second]).size).toBe(20);
    e.ingest(sig('me', 'not_interested', second[0]!, T0 + 2000));
    const later = e.page('me', 40, T0 + DEFAULT_SETTINGS.seenTtlMs + 10_000).map((s) => s.item.id);
    expect(later).toContain(first[0]);
    expect(later).not.toContain(second[0]);
  });

  it('serves a shelf again unchanged when told not to mark it seen', () => {
    const e = world(12);
    const a = e.page('me', 5, T0, { markSeen: false }).map((s) => s.item.id);
    expect(e.page('me', 5, T0 + 1000, { markSeen: false }).map((s) => s.item.id)).toEqual(a);
    expect(e.page('me', 5, T0 + 2000).map((s) => s.item.id)).toEqual(a);
    expect(e.page('me', 5, T0 + 3000).map((s) => s.item.id)).not.toContain(a[0]);
  });

  it('keeps authors apart and caps a category per ten', () => {
    const e = world(0);
    for (let i = 0; i < 40; i++) e.upsertItem({ id: `v${i}`, kind: 'video', authorId: `a${i % 4}`, storeId: null, categoryId: i < 30 ? 'fruit' : `c${i}`, publishedAt: T0 });
    for (let i = 0; i < 40; i++) for (let u = 0; u < 40 - i; u++) e.ingest(sig(`u${u}`, 'like', `v${i}`));
    const page = e.page('me', 10, T0 + MIN).map((s) => s.item);
    for (let k = 1; k < page.length; k++) expect(page[k]!.authorId).not.toBe(page[k - 1]!.authorId);
    expect(page.filter((p) => p.categoryId === 'fruit').length).toBeLessThanOrEqual(DEFAULT_SETTINGS.categoryPerTen);
  });

  it('does not push goods already bought, unless people buy them again', () => {
    const e = new OnlineEngine({ ...DEFAULT_SETTINGS, seenTtlMs: MIN, pools: { ...DEFAULT_SETTINGS.pools, slotsPerPage: 0 } });
    e.upsertItem({ id: 'rice', kind: 'product', authorId: 's1', storeId: 's1', categoryId: 'grain', publishedAt: T0, rebuyAfterMs: 7 * 86_400_000 });
    e.upsertItem({ id: 'kettle', kind: 'product', authorId: 's2', storeId: 's2', categoryId: 'home', publishedAt: T0 });
    e.ingest(sig('me', 'order', 'rice'));
    e.ingest(sig('me', 'order', 'kettle'));
    expect(e.page('me', 5, T0 + 2 * MIN)).toEqual([]);
    expect(e.page('me', 5, T0 + 8 * 86_400_000).map((s) => s.item.id)).toEqual(['rice']);
  });

  it('ignores signals for unknown or removed items and stops serving removed ones', () => {
    const e = world(5);
    expect(e.ingest(sig('me', 'like', 'nope'))).toBe(false);
    e.removeItem('v3');
    expect(e.ingest(sig('me', 'like', 'v3'))).toBe(false);
    expect(e.page('x', 10, T0).map((s) => s.item.id)).not.toContain('v3');
    expect(e.stats.unknown).toBe(2);
  });

  it('applies the experience factor and explains every item', () => {
    const e = world(10);
    for (let i = 0; i < 10; i++) e.ingest(sig('u', 'like', `v${i}`));
    e.setExperience('a0', 0.2);
    const page = e.page('me', 10, T0 + MIN);
    const v0 = page.find((s) => s.item.id === 'v0')!;
    expect(v0.reason.factors.experience).toBe(0.2);
    expect(page.indexOf(v0)).toBe(page.length - 1);
    for (const s of page) { expect(s.reason.source).toBeTruthy(); expect(s.reason.factors.p_finish).toBeGreaterThan(0); }
  });

  it('learns online: after impressions with taps, the tap model weighs the item rate and the viewer more', () => {
    const e = world(20);
    const before = e.models.describe().tap;
    for (let u = 0; u < 200; u++) {
      const item = `v${u % 20}`;
      e.ingest(sig(`u${u}`, 'impression', item, T0 + u));
      if (u % 20 < 5) e.ingest(sig(`u${u}`, 'product_tap', item, T0 + u + 10));
    }
    expect(e.tick(T0 + 200 + e.opts.labelWindowMs).learned).toBe(200);
    expect(e.models.describe().tap).not.toEqual(before);
    const pTapped = e.models.predict('tap', e.features.of(e.viewer('new'), e.items.get('v1')!, 'tap', 0, T0));
    const pNot = e.models.predict('tap', e.features.of(e.viewer('new'), e.items.get('v10')!, 'tap', 0, T0));
    expect(pTapped).toBeGreaterThan(pNot * 3);
  });
});

describe('traffic pools', () => {
  function poolWorld() {
    const e = new OnlineEngine({ ...DEFAULT_SETTINGS, pools: { ...DEFAULT_SETTINGS.pools, sizes: [20, 200] } });
    for (let i = 0; i < 8; i++) e.upsertItem({ id: `peer${i}`, kind: 'video', authorId: `p${i}`, storeId: null, categoryId: null, publishedAt: T0 });
    // Peers: 20 impressions each, 6 finishes and 1 like.
    for (let i = 0; i < 8; i++) for (let u = 0; u < 20; u++) {
      e.ingest(sig(`u${u}`, 'impression', `peer${i}`));
      if (u < 6) e.ingest(sig(`u${u}`, 'finish', `peer${i}`));
      if (u < 1) e.ingest(sig(`u${u}`, 'like', `peer${i}`));
    }
    return e;
  }

  it('gives new content first-pool impressions within a minute', () => {
    const e = world(50);
    e.configure({ ...DEFAULT_SETTINGS, pools: { ...DEFAULT_SETTINGS.pools, sizes: [20, 200] } });
    // The old videos have had their first audience.
    for (let i = 0; i < 50; i++) for (let u = 0; u < 20; u++) { e.ingest(sig(`old${u}`, 'impression', `v${i}`, T0 - 3600_000)); e.ingest(sig(`old${u}`, 'like', `v${i}`, T0 - 3600_000)); }
    e.upsertItem({ id: 'new', kind: 'video', authorId: 'newbie', storeId: null, categoryId: null, publishedAt: T0 });
    let shown = 0;
    for (let u = 0; u < 10; u++) {
      const page = e.page(`viewer${u}`, 10, T0 + u * 5000);
      const hit = page.find((s) => s.item.id === 'new');
      if (hit) { shown++; expect(hit.reason).toMatchObject({ source: 'fresh', pool: 0 }); e.ingest(sig(`viewer${u}`, 'impression', 'new', T0 + u * 5000 + 100)); }
    }
    expect(shown).toBe(10);
    expect(e.poolReport('new')).toMatchObject({ impressions: 10, level: 0, status: 'testing' });
  });

  it('promotes content that did better than its peers and holds content with heavy negative feedback', () => {
    const e = poolWorld();
    e.upsertItem({ id: 'strong', kind: 'video', authorId: 's', storeId: null, categoryId: null, publishedAt: T0 });
    e.upsertItem({ id: 'disliked', kind: 'video', authorId: 'd', storeId: null, categoryId: null, publishedAt: T0 });
    for (let u = 0; u < 20; u++) {
      e.ingest(sig(`w${u}`, 'impression', 'strong'));
      if (u < 12) e.ingest(sig(`w${u}`, 'finish', 'strong'));
      if (u < 5) e.ingest(sig(`w${u}`, 'share', 'strong'));
      e.ingest(sig(`w${u}`, 'impression', 'disliked'));
      if (u < 12) e.ingest(sig(`w${u}`, 'finish', 'disliked'));
      if (u < 8) e.ingest(sig(`w${u}`, 'not_interested', 'disliked'));
    }
    expect(e.poolReport('strong')).toMatchObject({ level: 1, status: 'testing', poolSize: 200, impressionsInPool: 0 });
    const held = e.poolReport('disliked')!;
    expect(held).toMatchObject({ level: 0, status: 'held' });
    expect(held.rates.negative).toBeCloseTo(0.4);
  });

  it('holds content that did worse than its peers', () => {
    const e = poolWorld();
    e.upsertItem({ id: 'dull', kind: 'video', authorId: 'x', storeId: null, categoryId: null, publishedAt: T0 });
    for (let u = 0; u < 20; u++) { e.ingest(sig(`w${u}`, 'impression', 'dull')); if (u < 2) e.ingest(sig(`w${u}`, 'finish', 'dull')); }
    const r = e.poolReport('dull')!;
    expect(r.status).toBe('held');
    expect(r.lastScore!).toBeLessThan(r.peerMedian!);
  });
});

describe('exploration slots', () => {
  it('are spread through the page and never take the first place', () => {
    const e = new OnlineEngine();
    for (let i = 0; i < 30; i++) e.upsertItem({ id: `old${i}`, kind: 'video', authorId: `a${i}`, storeId: null, categoryId: null, publishedAt: T0 - 86_400_000 });
    for (let i = 0; i < 30; i++) for (let u = 0; u < 5; u++) { e.ingest(sig(`u${u}`, 'impression', `old${i}`)); e.ingest(sig(`u${u}`, 'like', `old${i}`)); }
    for (let i = 0; i < 5; i++) e.upsertItem({ id: `new${i}`, kind: 'video', authorId: `n${i}`, storeId: null, categoryId: null, publishedAt: T0 });
    const page = e.page('me', 10, T0 + MIN);
    const fresh = page.flatMap((s, k) => (s.reason.source === 'fresh' ? [k] : []));
    expect(fresh).toEqual([2, 5, 7]);
    expect(e.page('other', 1, T0 + MIN)[0]!.reason.source).not.toBe('fresh');
  });
});

describe('following', () => {
  it('serves the newest content of followed creators and stores first, explained as such', () => {
    const e = world(30);
    for (let i = 0; i < 30; i++) for (let u = 0; u < 10; u++) e.ingest(sig(`u${u}`, 'like', `v${i}`));
    e.upsertItem({ id: 'mine', kind: 'video', authorId: 'creator', storeId: null, categoryId: null, publishedAt: T0 });
    e.upsertItem({ id: 'shop', kind: 'video', authorId: 'someone', storeId: 'store1', categoryId: null, publishedAt: T0 });
    e.follow('me', 'creator');
    e.follow('me', 'store1');
    const page = e.page('me', 5, T0 + MIN);
    expect(page.slice(0, 2).map((s) => s.item.id).sort()).toEqual(['mine', 'shop']);
    expect(page[0]!.reason.source).toBe('following');
    expect(page[0]!.reason.factors.p_finish).toBeGreaterThan(0);
  });
});

describe('campaigns', () => {
  it('a campaign item joins the campaign pool, its score is multiplied by the boost (never above the cap), and an upsert keeps it', () => {
    const e = world(30);
    e.campaignBoostCap = 1.5;
    const before = e.page('probe', 30, T0, { markSeen: false }).find((s) => s.item.id === 'v7')!;
    e.setCampaign('v7', 'cmp_a', 1.3);
    e.setCampaign('v8', 'cmp_a', 9);
    const page = e.page('viewer', 10, T0 + 1000);
    const served = page.find((s) => s.item.id === 'v7');
    expect(served?.reason.source).toBe('campaign');
    expect(served!.reason.factors.campaignBoost).toBe(1.3);
    expect(served!.score / before.score).toBeCloseTo(1.3, 6);
    expect(e.items.get('v8')!.boost).toBe(1.5);
    // The campaign share caps campaign items at 20% of a page.
    expect(page.filter((s) => s.item.campaignId).length).toBeLessThanOrEqual(2);
    e.upsertItem({ id: 'v7', kind: 'video', authorId: 'a7', storeId: null, categoryId: 'c2', publishedAt: T0 - 3600_000 });
    expect(e.items.get('v7')!.item.campaignId).toBe('cmp_a');
    e.setCampaign('v7', null);
    expect(e.items.get('v7')!).toMatchObject({ boost: 1, item: { campaignId: null } });
    expect(e.page('other', 30, T0 + 2000).find((s) => s.item.id === 'v7')?.reason.source).not.toBe('campaign');
    // Known before the item exists: it joins when added.
    e.setCampaign('late', 'cmp_b', 1.2);
    e.upsertItem({ id: 'late', kind: 'video', authorId: 'z', storeId: null, categoryId: 'c1', publishedAt: T0 });
    expect(e.items.get('late')).toMatchObject({ boost: 1.2, item: { campaignId: 'cmp_b' } });
  });
});

describe('warm-up', () => {
  it('serves throwaway pages to known viewers without changing what anyone is shown next', () => {
    const build = () => {
      const e = world(60);
      for (let u = 0; u < 12; u++) for (let k = 0; k < 5; k++) e.ingest(sig(`u${u}`, k % 2 ? 'like' : 'finish', `v${(u * 7 + k * 11) % 60}`, T0 + k * 1000));
      e.ingest(sig('lurker', 'impression', 'v3', T0));
      return e;
    };
    const plain = build();
    const warmed = build();
    // The lurker has no positive history: nothing to warm for them.
    expect(warmed.warm(100, T0 + MIN)).toBe(12);
    for (const u of ['u0', 'u5', 'u11', 'lurker', 'newcomer']) {
      expect(warmed.page(u, 10, T0 + MIN).map((s) => s.item.id)).toEqual(plain.page(u, 10, T0 + MIN).map((s) => s.item.id));
    }
    expect(warmed.viewers.get('u0')!.servedSimilarity).toEqual(plain.viewers.get('u0')!.servedSimilarity);
  });
});

describe('candidate budget', () => {
  it('takes the strongest neighbours of the latest items only, as many as the budget allows', () => {
    const e = new OnlineEngine({ ...DEFAULT_SETTINGS, pools: { ...DEFAULT_SETTINGS.pools, slotsPerPage: 0 } }, { budget: { recent: 1, similar: 3, trained: 0, popular: 0, perCategory: 0 } });
    for (let i = 0; i < 20; i++) e.upsertItem({ id: `v${i}`, kind: 'video', authorId: `a${i}`, storeId: null, categoryId: null, publishedAt: T0 - 3600_000 });
    // People who liked v0 went on to v1…v6, fewer and fewer of them; people who liked v10 went on to v11.
    for (let j = 1; j <= 6; j++) for (let u = 0; u < 10 - j; u++) { e.ingest(sig(`p${j}-${u}`, 'like', 'v0')); e.ingest(sig(`p${j}-${u}`, 'like', `v${j}`)); }
    for (let u = 0; u < 5; u++) { e.ingest(sig(`q${u}`, 'like', 'v10')); e.ingest(sig(`q${u}`, 'like', 'v11')); }
    e.ingest(sig('me', 'like', 'v10', T0 + 1000));
    e.ingest(sig('me', 'like', 'v0', T0 + 2000));
    const page = e.page('me', 10, T0 + MIN, { markSeen: false });
    // Only v0 (the latest) is looked at, and only its three strongest neighbours are candidates.
    expect(page.map((s) => s.item.id).sort()).toEqual(['v1', 'v2', 'v3']);
    e.opts.budget = { ...e.opts.budget, recent: 2, similar: 10 };
    const wider = e.page('me', 10, T0 + MIN, { markSeen: false }).map((s) => s.item.id);
    expect(wider).toContain('v11');
    expect(wider).toContain('v6');
  });

  it('counts only what the viewer may still be shown: paging on without engaging keeps pages full', () => {
    const e = new OnlineEngine({ ...DEFAULT_SETTINGS, pools: { ...DEFAULT_SETTINGS.pools, slotsPerPage: 0 } }, { budget: { recent: 10, similar: 150, trained: 0, popular: 12, perCategory: 0 } });
    for (let i = 0; i < 120; i++) e.upsertItem({ id: `v${i}`, kind: 'video', authorId: `a${i}`, storeId: null, categoryId: null, publishedAt: T0 - 3600_000 });
    for (let i = 0; i < 120; i++) for (let u = 0; u <= i % 7; u++) e.ingest(sig(`fan${u}`, 'like', `v${i}`));
    const shown = new Set<string>();
    for (let p = 0; p < 8; p++) {
      const page = e.page('drifter', 10, T0 + MIN + p * 1000).map((s) => s.item.id);
      expect(page).toHaveLength(10);
      for (const id of page) { expect(shown.has(id)).toBe(false); shown.add(id); }
    }
  });
});
