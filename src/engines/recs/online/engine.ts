// The serving engine: takes items and behaviour signals as they happen, answers feed pages.
// Signals move counters, the live item graph, the viewer's state and the traffic pools at once;
// labelled impressions train the action models on `tick`, which also refreshes the popularity
// lists. Pure and synchronous: the feed module owns persistence, the clock and the schedule.
import { LiveGraph } from './cograph.ts';
import { TrafficPools, rates, type PoolRates, type PoolState } from './pools.ts';
import { ActionModels } from './ranker.ts';
import { count, emptyCounts, Heat, logit, SIGNAL_WEIGHT, smoothed, type Counts } from './stats.ts';
import { ACTIONS, DEFAULT_SETTINGS, type Action, type EngineSettings, type FeedItem, type Signal, type SignalType } from './types.ts';
import { ViewerState } from './viewer.ts';
import { servePage } from './page.ts';
import type { Served } from './types.ts';

export interface ItemState {
  item: FeedItem;
  counts: Counts;
  pool: PoolState;
  heat: Heat;
}

export interface PoolReport {
  level: number;
  status: PoolState['status'];
  poolSize: number | null;
  impressionsInPool: number;
  impressions: number;
  rates: PoolRates;
  lastScore: number | null;
  peerMedian: number | null;
}

/** Which action a signal is evidence of. */
const ACTION_OF: Partial<Record<SignalType, Action>> = { finish: 'finish', like: 'engage', comment: 'engage', share: 'engage', product_tap: 'tap', add_to_cart: 'tap', order: 'purchase' };

export const HEAT_HALF_LIFE_MS = 6 * 3600_000;

interface Pending {
  viewer: string;
  itemId: string;
  at: number;
  similarity: number;
  hit: Record<Action, boolean>;
}

export class OnlineEngine {
  readonly items = new Map<string, ItemState>();
  readonly viewers = new Map<string, ViewerState>();
  readonly graph = new LiveGraph();
  readonly models = new ActionModels();
  readonly pools: TrafficPools;
  /** Items by author and by store (an author or store the viewer follows feeds "following"). */
  readonly byAuthor = new Map<string, Set<string>>();
  readonly byStore = new Map<string, Set<string>>();
  readonly totals = emptyCounts();
  private readonly authorCounts = new Map<string, Counts>();
  private readonly experience = new Map<string, number>();
  private readonly pending = new Map<string, Pending>();
  /** Refreshed by `tick`: popular overall, per category, campaigns, content in pools. */
  popular: string[] = [];
  popularByCategory = new Map<string, string[]>();
  campaigns: string[] = [];
  testing: string[] = [];
  live: string[] = [];
  private refreshedAt = -Infinity;
  stats = { signals: 0, unknown: 0 };

  constructor(
    public settings: EngineSettings = DEFAULT_SETTINGS,
    readonly opts = { labelWindowMs: 60_000, refreshMs: 10_000 },
  ) {
    this.pools = new TrafficPools(settings.pools, settings.objective);
  }

  configure(settings: EngineSettings): void {
    this.settings = settings;
    this.pools.configure(settings.pools, settings.objective);
  }

  /** Adds or updates an item; a new one enters the first traffic pool. */
  upsertItem(item: FeedItem): void {
    const had = this.items.get(item.id);
    if (had) {
      unindex(this.byAuthor, had.item.authorId, item.id);
      if (had.item.storeId) unindex(this.byStore, had.item.storeId, item.id);
      had.item = item;
    } else this.items.set(item.id, { item, counts: emptyCounts(), pool: this.pools.start(), heat: new Heat() });
    index(this.byAuthor, item.authorId, item.id);
    if (item.storeId) index(this.byStore, item.storeId, item.id);
    this.refreshedAt = -Infinity;
  }

  /** Withdrawn, deleted or ended: never served again, and its signals are ignored. */
  removeItem(id: string): void {
    const s = this.items.get(id);
    if (!s) return;
    this.items.delete(id);
    unindex(this.byAuthor, s.item.authorId, id);
    if (s.item.storeId) unindex(this.byStore, s.item.storeId, id);
    this.graph.remove(id);
    this.refreshedAt = -Infinity;
  }

  /** The experience factor of a store or creator (1 until the experience module supplies one). */
  setExperience(key: string, factor: number): void {
    this.experience.set(key, Math.max(0, Math.min(2, factor)));
  }

  experienceOf(item: FeedItem): number {
    return Math.min(this.experience.get(item.authorId) ?? 1, item.storeId ? (this.experience.get(item.storeId) ?? 1) : 1);
  }

  follow(viewer: string, authorId: string, on = true): void {
    const v = this.viewer(viewer);
    if (on) v.following.add(authorId);
    else v.following.delete(authorId);
  }

  viewer(id: string): ViewerState {
    let v = this.viewers.get(id);
    if (!v) this.viewers.set(id, (v = new ViewerState()));
    return v;
  }

  /** One behaviour signal. Unknown (or removed) items are ignored; returns whether it counted. */
  ingest(sig: Signal): boolean {
    const st = this.items.get(sig.itemId);
    if (!st) { this.stats.unknown++; return false; }
    this.stats.signals++;
    const it = st.item;
    const v = this.viewer(sig.viewer);
    count(st.counts, sig.type);
    count(this.totals, sig.type);
    let ac = this.authorCounts.get(it.authorId);
    if (!ac) this.authorCounts.set(it.authorId, (ac = emptyCounts()));
    count(ac, sig.type);

    let weight = SIGNAL_WEIGHT[sig.type];
    if (sig.type === 'play') {
      const ratio = sig.durationMs && sig.durationMs > 0 ? Math.min(1, (sig.watchMs ?? 0) / sig.durationMs) : 0;
      weight = ratio < 0.2 ? 0 : weight * (0.5 + ratio);
    }
    if (weight > 0) {
      // Engaging with an item means having seen it: it is not offered back.
      v.markSeen(it.id, sig.at);
      this.graph.observe(v.history, it.id, weight);
      v.addPositive(it.id, weight, it.categoryId);
      st.heat.add(weight, sig.at, HEAT_HALF_LIFE_MS);
    }
    switch (sig.type) {
      case 'impression': this.impressed(v, sig, st); break;
      case 'not_interested': case 'complaint': v.reject(it.id, it.authorId); break;
      case 'follow': v.following.add(it.storeId && it.kind === 'product' ? it.storeId : it.authorId); break;
      case 'order': v.purchased.set(it.id, sig.at); break;
      default: break;
    }
    const action = ACTION_OF[sig.type];
    if (action) {
      const p = this.pending.get(`${sig.viewer}|${it.id}`);
      if (p) p.hit[action] = true;
    }
    return true;
  }

  private impressed(v: ViewerState, sig: Signal, st: ItemState): void {
    v.markSeen(st.item.id, sig.at);
    const key = `${sig.viewer}|${st.item.id}`;
    if (!this.pending.has(key)) this.pending.set(key, { viewer: sig.viewer, itemId: st.item.id, at: sig.at, similarity: v.servedSimilarity.get(st.item.id) ?? 0, hit: { finish: false, engage: false, tap: false, purchase: false } });
    if (this.pools.judge(st.pool, st.counts)) this.refreshedAt = -Infinity;
  }

  /**
   * Periodic work at time `now`: impressions older than the label window train the action models
   * (with whatever followed them), and the candidate lists are rebuilt when stale.
   */
  tick(now: number): { learned: number } {
    let learned = 0;
    for (const [key, p] of this.pending) {
      if (now - p.at < this.opts.labelWindowMs) break; // Map order is impression order
      this.pending.delete(key);
      const st = this.items.get(p.itemId);
      const v = this.viewers.get(p.viewer);
      if (!st || !v) continue;
      for (const a of ACTIONS) this.models.learn(a, this.features(v, st, a, p.similarity, p.at), p.hit[a] ? 1 : 0);
      v.impressions++;
      for (const a of ACTIONS) if (p.hit[a]) v.actions[a]++;
      learned++;
    }
    if (now - this.refreshedAt >= this.opts.refreshMs) this.refresh(now);
    return { learned };
  }

  /** Rebuilds the popularity, category, campaign, live and pool lists. */
  refresh(now: number): void {
    const all: { id: string; heat: number; cat: string | null }[] = [];
    const testing: { id: string; level: number; left: number; at: number }[] = [];
    const campaigns: { id: string; heat: number }[] = [];
    const live: { id: string; heat: number }[] = [];
    for (const [id, st] of this.items) {
      const heat = st.heat.value(now, HEAT_HALF_LIFE_MS) + 1e-9 * st.counts.impressions;
      if (st.item.kind === 'live') live.push({ id, heat });
      all.push({ id, heat, cat: st.item.categoryId });
      if (st.item.campaignId) campaigns.push({ id, heat });
      const left = this.pools.remaining(st.pool, st.counts);
      if (left > 0) testing.push({ id, level: st.pool.level, left, at: st.item.publishedAt });
    }
    all.sort((a, b) => b.heat - a.heat || (a.id < b.id ? -1 : 1));
    this.popular = all.slice(0, 300).map((x) => x.id);
    const byCat = new Map<string, string[]>();
    for (const x of all) {
      if (!x.cat) continue;
      let l = byCat.get(x.cat);
      if (!l) byCat.set(x.cat, (l = []));
      if (l.length < 60) l.push(x.id);
    }
    this.popularByCategory = byCat;
    // Exploration order: the first pool before larger ones (new content needs its first audience
    // most), then what has used least of its pool, newest first.
    testing.sort((a, b) => a.level - b.level || b.left - a.left || b.at - a.at);
    this.testing = testing.slice(0, 2000).map((x) => x.id);
    this.campaigns = campaigns.sort((a, b) => b.heat - a.heat).slice(0, 100).map((x) => x.id);
    this.live = live.sort((a, b) => b.heat - a.heat).slice(0, 100).map((x) => x.id);
    this.refreshedAt = now;
  }

  /** Ranker features of item `st` for viewer `v` and action `a`. */
  features(v: ViewerState, st: ItemState, a: Action, similarity: number, now: number): Float64Array {
    const prior = this.priorRate(a);
    const lp = logit(prior);
    const ac = this.authorCounts.get(st.item.authorId);
    return Float64Array.of(
      logit(smooth(hits(st.counts, a), trials(st.counts, a), prior)),
      ac ? logit(smooth(hits(ac, a), trials(ac, a), prior)) - lp : 0,
      similarity,
      v.affinity(st.item.categoryId),
      follows(v, st.item) ? 1 : 0,
      Math.exp(-Math.max(0, now - st.item.publishedAt) / 86_400_000),
      st.item.kind === 'live' ? 1 : 0,
      logit(smooth(v.actions[a], v.impressions, prior)) - lp,
    );
  }

  priorRate(a: Action): number {
    return smooth(hits(this.totals, a), trials(this.totals, a), PRIORS[a], 100);
  }

  /** A feed page of `limit` items for a viewer (user or device id) at time `now`. */
  page(viewer: string, limit: number, now: number, opts: { markSeen?: boolean } = {}): Served[] {
    return servePage(this, viewer, limit, now, opts.markSeen ?? true);
  }

  /** Items people engage with next to this one (the "related" rail), strongest first. */
  related(id: string, k: number): FeedItem[] {
    return this.graph.top(id, k, (j) => this.items.has(j)).map((n) => this.items.get(n.id)!.item);
  }

  poolReport(id: string): PoolReport | null {
    const st = this.items.get(id);
    if (!st) return null;
    const size = this.pools.size(st.pool);
    return { level: st.pool.level, status: st.pool.status, poolSize: Number.isFinite(size) ? size : null, impressionsInPool: st.counts.impressions - st.pool.levelStart, impressions: st.counts.impressions, rates: rates(st.counts), lastScore: st.pool.lastScore, peerMedian: st.pool.lastPeerMedian };
  }
}

/** Rates assumed before any data (a short-video platform's typical order of magnitude). */
const PRIORS: Record<Action, number> = { finish: 0.3, engage: 0.05, tap: 0.03, purchase: 0.003 };

/** Impressions behind a rate: signals can arrive without one (a like on a shared link). */
const trials = (c: Counts, a: Action): number => Math.max(c.impressions, hits(c, a));

function hits(c: Counts, a: Action): number {
  return a === 'finish' ? c.finishes : a === 'engage' ? c.engages : a === 'tap' ? c.taps : c.orders;
}

const smooth = (h: number, n: number, prior: number, strength = 20) => smoothed(h, n, prior, strength);

export const follows = (v: ViewerState, item: FeedItem): boolean => v.following.has(item.authorId) || (item.storeId !== null && v.following.has(item.storeId));

function index(m: Map<string, Set<string>>, key: string, id: string): void {
  let set = m.get(key);
  if (!set) m.set(key, (set = new Set()));
  set.add(id);
}

function unindex(m: Map<string, Set<string>>, key: string, id: string): void {
  const set = m.get(key);
  if (!set) return;
  set.delete(id);
  if (!set.size) m.delete(key);
}
