// The serving engine: takes items and behaviour signals as they happen, answers feed pages.
// Signals move counters, the live item graph, the viewer's state and the traffic pools at once;
// labelled impressions train the action models on `tick`, which also merges the popularity lists
// and, every few seconds, hands serving a fresh copy of the models. Pure and synchronous: the feed
// module owns persistence, the clock and the schedule.
//
// Outside, ids are opaque strings; inside, items, authors/stores ("follow keys") and categories
// are dense indices, so the hot paths index arrays instead of hashing strings.
import { grown } from './grown.ts';
import { Interner } from '../sequences.ts';
import { LiveGraph } from './cograph.ts';
import { ExploreQueue } from './explore.ts';
import { servePage } from './page.ts';
import { HeatClock, PopularLists } from './popular.ts';
import { TrafficPools, rates, type PoolRates, type PoolState } from './pools.ts';
import { ActionModels } from './ranker.ts';
import { Features } from './score.ts';
import type { TrainedModel } from './trained.ts';
import { count, emptyCounts, signalWeight, type Counts } from './stats.ts';
import { DEFAULT_BUDGET, DEFAULT_SETTINGS, type Action, type CandidateBudget, type EngineSettings, type FeedItem, type Served, type Signal, type SignalType } from './types.ts';
import { ViewerState, type Pending } from './viewer.ts';

export interface ItemState {
  ix: number;
  item: FeedItem;
  /** Follow keys of the author and the store (-1: none), and the category index (-1: none). */
  author: number;
  store: number;
  cat: number;
  alive: boolean;
  counts: Counts;
  pool: PoolState;
  /** Heat as of the heat clock's reference time (see popular.ts). */
  heat: number;
  /** Position in the exploration queue (-1: not in it). */
  heapPos: number;
  /** The models' epoch its cached item part was made with, when, and whether signals came since (see score.ts). */
  zEpoch: number;
  zAt: number;
  /** Signals the item has had, and how many it had when its part was cached. */
  signals: number;
  zSignals: number;
  /** The campaign reach boost of the item (1: none; see `setCampaign`). */
  boost: number;
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

export interface EngineOptions {
  /** An impression's label (finish, like, tap, purchase) is what followed it within this window. */
  labelWindowMs: number;
  /** Candidate lists renewed at most this often, and the models handed to serving this often. */
  refreshMs: number;
  freezeMs: number;
  budget: CandidateBudget;
}

/** Which action a signal is evidence of. */
const ACTION_OF: Partial<Record<SignalType, Action>> = { finish: 'finish', like: 'engage', comment: 'engage', share: 'engage', product_tap: 'tap', add_to_cart: 'tap', order: 'purchase' };

export class OnlineEngine {
  readonly items = new Map<string, ItemState>();
  /** By dense index; removed items stay (not alive) so indices held elsewhere never point at another item. */
  readonly byIx: ItemState[] = [];
  /** 1 where byIx holds a live item: a page checks hundreds of graph neighbours, and this byte array stays in cache where the item objects don't. */
  aliveIx = new Uint8Array(1024);
  readonly itemIds = new Interner();
  readonly keys = new Interner();
  readonly categories = new Interner();
  readonly viewers = new Map<string, ViewerState>();
  readonly graph = new LiveGraph();
  readonly models = new ActionModels();
  readonly pools: TrafficPools;
  readonly explore: ExploreQueue;
  readonly lists = new PopularLists();
  readonly heatClock = new HeatClock();
  readonly features: Features;
  /** Items by author and by store follow key (an author or store the viewer follows feeds "following"). */
  readonly byKey = new Map<number, Set<ItemState>>();
  readonly totals = emptyCounts();
  readonly authorCounts: Counts[] = [];
  private readonly experience = new Map<number, number>();
  private readonly pending: Pending[] = [];
  private pendingHead = 0;
  private readonly live = new Set<ItemState>();
  private readonly campaign = new Set<ItemState>();
  /** Campaign membership by item id, kept apart from the items so an upsert (a product edited) keeps it. */
  private readonly campaigns = new Map<string, { campaignId: string; boost: number }>();
  /** No campaign boost ever exceeds this (the platform's configured cap; the engine's own bound is 3). */
  campaignBoostCap = 2;
  /** The last retrain's model (`useTrained`), and engine index → model index for it. */
  trained: TrainedModel | null = null;
  private toModel = new Map<number, number>();
  private fromModel = new Int32Array(0);
  liveList: ItemState[] = [];
  campaignList: ItemState[] = [];
  private listsAt = -Infinity;
  private frozenAt = -Infinity;
  stats = { signals: 0, unknown: 0 };
  readonly opts: EngineOptions;

  constructor(
    public settings: EngineSettings = DEFAULT_SETTINGS,
    options: Partial<EngineOptions> = {},
  ) {
    this.opts = { labelWindowMs: 60_000, refreshMs: 2_000, freezeMs: 5_000, budget: DEFAULT_BUDGET, ...options };
    this.pools = new TrafficPools(settings.pools, settings.objective);
    this.explore = new ExploreQueue((level) => this.pools.sizeAt(level));
    this.features = new Features(this);
  }

  configure(settings: EngineSettings): void {
    this.settings = settings;
    this.pools.configure(settings.pools, settings.objective);
    this.explore.reorder((level) => this.pools.sizeAt(level));
  }

  /** Adds or updates an item; a new one enters the first traffic pool. */
  upsertItem(item: FeedItem): void {
    const camp = this.campaigns.get(item.id);
    if (camp) item = { ...item, campaignId: camp.campaignId };
    const ix = this.itemIds.intern(item.id);
    const had = this.items.get(item.id);
    const oldCat = had ? had.cat : -1;
    let st = had;
    if (st) { this.unindex(st); st.item = item; }
    else {
      st = { ix, item, author: 0, store: -1, cat: -1, alive: true, counts: emptyCounts(), pool: this.pools.start(), heat: 0, heapPos: -1, zEpoch: -1, zAt: 0, signals: 0, zSignals: 0, boost: 1 };
      this.items.set(item.id, st);
      this.byIx[ix] = st;
      this.aliveIx = grown(this.aliveIx, ix + 1);
      this.aliveIx[ix] = 1;
    }
    st.author = this.keys.intern(item.authorId);
    st.store = item.storeId ? this.keys.intern(item.storeId) : -1;
    st.cat = item.categoryId ? this.categories.intern(item.categoryId) : -1;
    st.zEpoch = -1;
    st.boost = camp ? this.boundBoost(camp.boost) : 1;
    this.index(st);
    this.explore.update(st);
    this.lists.touch(st, oldCat);
    this.listsAt = -Infinity;
  }

  /** Withdrawn, deleted or ended: never served again, and its signals are ignored. */
  removeItem(id: string): void {
    const st = this.items.get(id);
    if (!st) return;
    this.items.delete(id);
    st.alive = false;
    this.aliveIx[st.ix] = 0;
    this.unindex(st);
    this.graph.remove(st.ix);
    this.explore.update(st);
    this.lists.touch(st);
    this.listsAt = -Infinity;
  }

  /** The experience factor of a store or creator (1 until the experience module supplies it). */
  setExperience(key: string, factor: number): void {
    this.experience.set(this.keys.intern(key), Math.max(0, Math.min(2, factor)));
  }

  /**
   * Puts an item in an operator campaign (it joins the campaign pool and its rank score is
   * multiplied by `boost`, bounded by 1 and `campaignBoostCap`) or takes it out (null). Known
   * before the item exists too: an item added later joins at once.
   */
  setCampaign(itemId: string, campaignId: string | null, boost = 1): void {
    if (campaignId) this.campaigns.set(itemId, { campaignId, boost });
    else this.campaigns.delete(itemId);
    const st = this.items.get(itemId);
    if (!st) return;
    this.unindex(st);
    st.item = { ...st.item, campaignId };
    st.boost = campaignId ? this.boundBoost(boost) : 1;
    this.index(st);
    this.listsAt = -Infinity;
  }

  private boundBoost(b: number): number {
    return Number.isFinite(b) ? Math.max(1, Math.min(b, this.campaignBoostCap, 3)) : 1;
  }

  experienceOf(st: ItemState): number {
    return Math.min(this.experience.get(st.author) ?? 1, st.store >= 0 ? (this.experience.get(st.store) ?? 1) : 1);
  }

  follow(viewer: string, key: string, on = true): void {
    const v = this.viewer(viewer);
    const k = this.keys.intern(key);
    if (on) v.following.add(k);
    else v.following.delete(k);
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
    const v = this.viewer(sig.viewer);
    count(st.counts, sig.type);
    count(this.totals, sig.type);
    count((this.authorCounts[st.author] ??= emptyCounts()), sig.type);
    st.signals++;

    const weight = signalWeight(sig.type, sig.watchMs, sig.durationMs);
    if (weight > 0) {
      // Engaging with an item means having seen it: it is not offered back.
      v.markSeen(st.ix, sig.at);
      this.graph.observe(v.history, st.ix, weight);
      v.addPositive(st.ix, weight, st.cat);
      this.addHeat(st, weight, sig.at);
    }
    switch (sig.type) {
      case 'impression': this.impressed(v, sig, st); break;
      case 'not_interested': case 'complaint': v.reject(st.ix, st.author); break;
      case 'follow': v.following.add(st.store >= 0 && st.item.kind === 'product' ? st.store : st.author); break;
      case 'order': v.purchased.set(st.ix, sig.at); break;
      default: break;
    }
    const action = ACTION_OF[sig.type];
    if (action) {
      const p = v.pending.get(st.ix);
      if (p) p[action] = true;
    }
    return true;
  }

  private addHeat(st: ItemState, weight: number, at: number): void {
    let scale = this.heatClock.scale(at);
    if (scale === null) {
      const f = this.heatClock.rebase(at);
      for (const s of this.byIx) if (s) s.heat *= f;
      this.lists.invalidate();
      scale = this.heatClock.scale(at)!;
    }
    st.heat += weight * scale;
    this.lists.touch(st);
  }

  private impressed(v: ViewerState, sig: Signal, st: ItemState): void {
    v.markSeen(st.ix, sig.at);
    if (!v.pending.has(st.ix)) {
      const p: Pending = { viewer: v, item: st.ix, at: sig.at, similarity: (v.servedSimilarity.get(st.ix) ?? 0) / 10_000, finish: false, engage: false, tap: false, purchase: false };
      v.pending.set(st.ix, p);
      this.pending.push(p);
    }
    this.pools.judge(st.pool, st.counts);
    this.explore.update(st);
  }

  /**
   * Periodic work at time `now`: impressions older than the label window train the action models
   * (with whatever followed them); the candidate lists and the serving copy of the models are
   * renewed when due.
   */
  tick(now: number): { learned: number } {
    let learned = 0;
    while (this.pendingHead < this.pending.length) {
      const p = this.pending[this.pendingHead]!;
      if (now - p.at < this.opts.labelWindowMs) break; // impressions are queued in arrival order
      this.pendingHead++;
      p.viewer.pending.delete(p.item);
      const st = this.byIx[p.item]!;
      if (!st.alive) continue;
      this.features.learn(p, st);
      learned++;
    }
    if (this.pendingHead > 4096 && this.pendingHead * 2 > this.pending.length) { this.pending.splice(0, this.pendingHead); this.pendingHead = 0; }
    if (now - this.frozenAt >= this.opts.freezeMs) this.refresh(now);
    else if (now - this.listsAt >= this.opts.refreshMs) this.refreshLists(now);
    return { learned };
  }

  /** Renews the candidate lists and gives serving the models as learned so far. */
  refresh(now: number): void {
    this.refreshLists(now);
    this.features.freeze();
    this.frozenAt = now;
  }

  private refreshLists(now: number): void {
    this.lists.refresh(this.items.values());
    const hottest = (set: Set<ItemState>) => [...set].sort((a, b) => b.heat - a.heat || a.ix - b.ix).slice(0, 100);
    this.liveList = hottest(this.live);
    this.campaignList = hottest(this.campaign);
    this.listsAt = now;
  }

  /** Serves from a newly trained model from now on (see trained.ts). */
  useTrained(model: TrainedModel): void {
    const ids = model.parts.itemIds;
    this.fromModel = Int32Array.from(ids, (id) => this.itemIds.intern(id));
    this.toModel = new Map(Array.from(this.fromModel, (ix, m) => [ix, m]));
    this.trained = model;
  }

  /**
   * The trained model's picks for a viewer (engine indices, best first), kept on the viewer
   * until their history or the model changes: the interest vectors score the whole catalogue.
   */
  trainedPicks(v: ViewerState, k: number): readonly number[] {
    const t = this.trained;
    if (!t || !v.history.length) return [];
    const key = `${t.version}:${k}:${v.history.length}:${v.history[v.history.length - 1]}`;
    if (v.trainedKey === key) return v.trainedPicks;
    const history: number[] = [];
    for (const ix of v.history) { const m = this.toModel.get(ix); if (m !== undefined) history.push(m); }
    v.trainedPicks = t.recommend(history, k).map((m) => this.fromModel[m]!);
    v.trainedKey = key;
    return v.trainedPicks;
  }

  /** A feed page of `limit` items for a viewer (user or device id) at time `now`. */
  page(viewer: string, limit: number, now: number, opts: { markSeen?: boolean } = {}): Served[] {
    return servePage(this, viewer, limit, now, opts.markSeen ?? true);
  }

  /**
   * Serves a page to up to `viewers` known viewers and throws it away, changing nothing they will
   * be shown (nothing marked seen or remembered as served): right after a build the first pages
   * compile code, build graph views and compute item parts for the first time (~15× a page's
   * usual cost at a million items), and requests queued behind them would pay for it. Returns
   * how many pages it served.
   */
  warm(viewers: number, now: number): number {
    let n = 0;
    for (const [id, v] of this.viewers) {
      if (n >= viewers) break;
      if (!v.history.length) continue;
      servePage(this, id, 20, now, false, false);
      n++;
    }
    return n;
  }

  /** Items people engage with next to this one (the "related" rail), strongest first. */
  related(id: string, k: number): FeedItem[] {
    const st = this.items.get(id);
    if (!st) return [];
    return this.graph.top(st.ix, k, (j) => this.byIx[j]?.alive === true).map((n) => this.byIx[n.ix]!.item);
  }

  poolReport(id: string): PoolReport | null {
    const st = this.items.get(id);
    if (!st) return null;
    const size = this.pools.size(st.pool);
    return { level: st.pool.level, status: st.pool.status, poolSize: Number.isFinite(size) ? size : null, impressionsInPool: st.counts.impressions - st.pool.levelStart, impressions: st.counts.impressions, rates: rates(st.counts), lastScore: st.pool.lastScore, peerMedian: st.pool.lastPeerMedian };
  }

  /** How the viewer stands to an item's author or store (for "following" candidates and features). */
  follows(v: ViewerState, st: ItemState): boolean {
    return v.following.has(st.author) || (st.store >= 0 && v.following.has(st.store));
  }

  private index(st: ItemState): void {
    for (const k of [st.author, st.store]) if (k >= 0) {
      let set = this.byKey.get(k);
      if (!set) this.byKey.set(k, (set = new Set()));
      set.add(st);
    }
    if (st.item.kind === 'live') this.live.add(st);
    if (st.item.campaignId) this.campaign.add(st);
  }

  private unindex(st: ItemState): void {
    for (const k of [st.author, st.store]) if (k >= 0) {
      const set = this.byKey.get(k);
      if (!set) continue;
      set.delete(st);
      if (!set.size) this.byKey.delete(k);
    }
    this.live.delete(st);
    this.campaign.delete(st);
  }
}

