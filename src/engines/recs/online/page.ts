// One feed page for one viewer: gather candidates from every source, drop what they have seen,
// rejected or already bought, predict each action, score = Σ value × p × experience factor ×
// campaign boost, then
// re-rank for diversity and exploration. Served items count as seen (unless told otherwise), so
// the next page moves on. Only the served items get their explanation built.
import { ScoreScratch } from './cograph.ts';
import type { ItemState, OnlineEngine } from './engine.ts';
import { PER_CATEGORY } from './popular.ts';
import { PAGE_W, pageValue } from './score.ts';
import { rerank, type Ranked } from './rerank.ts';
import { TopK } from '../topk.ts';
import { ACTIONS, type Reason, type Served, type Source } from './types.ts';
import type { ViewerState } from './viewer.ts';

interface Candidate extends Ranked {
  source: Source;
  similarity: number;
  because: number;
  category: number;
  following: number;
  affinity: number;
}

/** Source precedence when one item comes from several: the most personal explanation wins. */
const RANK: Record<Source, number> = { similar: 0, following: 1, interest: 2, live: 3, campaign: 4, fresh: 5, popular: 6 };
/** How far down the exploration queue a page may look for items this viewer has not seen. */
const EXPLORE_LOOKS = 400;
const WEEK = 7 * 86_400_000;

const scratch = new ScoreScratch();
/** Reused across pages (drainTo() empties it; remade when the budget changes): the engine is single-threaded. */
let similarTop = new TopK(0);
let similarIds = new Int32Array(0);
let similarScores = new Float64Array(0);
/** How many candidates each category gave (offerFirst): a few dozen at most, so a list. */
class PerCategory {
  private cats = new Int32Array(64);
  private counts = new Int32Array(64);
  private n = 0;

  reset(room: number): void {
    if (room > this.cats.length) { this.cats = new Int32Array(room); this.counts = new Int32Array(room); }
    this.n = 0;
  }

  count(cat: number): number {
    for (let i = 0; i < this.n; i++) if (this.cats[i] === cat) return this.counts[i]!;
    return 0;
  }

  add(cat: number): void {
    for (let i = 0; i < this.n; i++) if (this.cats[i] === cat) { this.counts[i]!++; return; }
    this.cats[this.n] = cat;
    this.counts[this.n++] = 1;
  }
}
const takenBy = new PerCategory();
const viewerRates = new Float64Array(ACTIONS.length);
const weights = new Float64Array(ACTIONS.length * PAGE_W);

/**
 * `markSeen`: served items count as seen (the feed, where the next page must move on). Shelves
 * that are asked for again and again (猜你喜欢 on the home page) leave it off: what the viewer
 * was shown there is known from impressions. `remember` off: nothing is kept of the page at all
 * (a warm-up's).
 */
export function servePage(engine: OnlineEngine, viewerId: string, limit: number, now: number, markSeen = true, remember = true): Served[] {
  engine.tick(now);
  const v = engine.viewer(viewerId);
  const ttl = engine.settings.seenTtlMs;
  const cands = candidates.reset(engine.byIx.length);
  /** Whether the item is a candidate now. */
  const offer = (st: ItemState, source: Source, similarity = 0, because = -1, category = -1): boolean => {
    const had = cands.get(st);
    if (had) {
      had.similarity = Math.max(had.similarity, similarity);
      if (RANK[had.source] > RANK[source]) { had.source = source; had.because = because; had.category = category; }
      return true;
    }
    if (!eligible(v, st, now, ttl)) return false;
    cands.add(cands.make(st, source, similarity, because, category));
    return true;
  };
  /**
   * The first `n` items of a ranked list (looking no deeper than `depth`) that the viewer may be
   * shown: what they have seen is passed over, not counted, so a viewer who pages on without
   * engaging still gets full pages. `perCategory` caps what one category may take of the `n`.
   */
  const offerFirst = (list: readonly ItemState[], n: number, depth: number, source: Source, category?: number, perCategory = n) => {
    const capped = perCategory < n;
    if (capped) takenBy.reset(n);
    for (let k = 0, taken = 0; k < Math.min(depth, list.length) && taken < n; k++) {
      const st = list[k]!;
      const cat = category ?? st.cat;
      if ((capped && cat >= 0 && takenBy.count(cat) >= perCategory) || !offer(st, source, 0, -1, cat)) continue;
      taken++;
      if (capped && cat >= 0) takenBy.add(cat);
    }
  };

  const budget = engine.opts.budget;
  // Similar: neighbours of the viewer's recent positive items, the latest weighing most.
  if (similarTop.k !== budget.similar) {
    similarTop = new TopK(budget.similar);
    similarIds = new Int32Array(budget.similar);
    similarScores = new Float64Array(budget.similar);
  }
  scratch.ensure(engine.byIx.length);
  const h = v.history;
  for (let k = 0, rw = 1; k < Math.min(budget.recent, h.length); k++, rw *= 0.7) engine.graph.accumulate(h[h.length - 1 - k]!, rw * v.historyWeight[h.length - 1 - k]!, scratch);
  if (scratch.count) {
    const { aliveIx } = engine, { touched, score } = scratch;
    for (let k = 0; k < scratch.count; k++) { const j = touched[k]!; if (aliveIx[j] === 1) similarTop.push(j, score[j]!); }
    const n = similarTop.drainTo(similarIds, similarScores);
    const maxSim = n ? similarScores[0]! : 1;
    for (let r = 0; r < n; r++) { const j = similarIds[r]!; offer(engine.byIx[j]!, 'similar', similarScores[r]! / maxSim, scratch.because[j]!); }
    scratch.clear();
  }

  // Interest: what the periodically retrained model (the whole log, not just the live graph's
  // recent past) picks for this history. Rank stands in for similarity, from 0.8 down.
  const picks = budget.trained > 0 ? engine.trainedPicks(v, budget.trained) : [];
  for (let r = 0; r < picks.length; r++) {
    const st = engine.byIx[picks[r]!];
    if (st?.alive) offer(st, 'interest', 0.8 * (1 - r / budget.trained));
  }

  for (const key of v.following) {
    const set = engine.byKey.get(key);
    if (!set) continue;
    const recent = [...set].filter((st) => now - st.item.publishedAt < WEEK).sort((a, b) => b.item.publishedAt - a.item.publishedAt);
    for (const st of recent.slice(0, 10)) offer(st, 'following');
  }
  for (const cat of v.topCategories(3)) offerFirst(engine.lists.category(cat), budget.perCategory, PER_CATEGORY, 'interest', cat);
  for (const st of engine.liveList.slice(0, 10)) offer(st, 'live');
  for (const st of engine.campaignList.slice(0, 20)) offer(st, 'campaign');
  // The fallback of a viewer the engine knows little about: spread over categories as a page must
  // be (categoryPerTen), or a catalogue whose most popular items share a category leaves the
  // page's category cap nothing else to choose from.
  const popular = engine.lists.popular;
  offerFirst(popular, budget.popular, popular.length, 'popular', undefined, Math.max(1, Math.ceil((budget.popular * engine.settings.categoryPerTen) / 10)));

  // Exploration: a few more than the slots, so spacing rules have a choice; the rest compete on
  // score. Exploration beats "popular" as a reason, not a personal one.
  const fresh: Candidate[] = [];
  let looks = 0;
  const want = engine.settings.pools.slotsPerPage * 2;
  if (want > 0) engine.explore.visit((st) => {
    if (++looks > EXPLORE_LOOKS) return false;
    const had = cands.get(st);
    if ((had && had.source !== 'popular') || (!had && !eligible(v, st, now, ttl))) return true;
    if (had) cands.drop(st);
    fresh.push(cands.make(st, 'fresh', 0, -1, -1));
    return fresh.length < want;
  });

  engine.features.viewerRates(v, viewerRates);
  engine.features.pageWeights(engine.settings.objective, weights);
  const main = cands.values();
  for (const c of main) score(engine, v, c, now);
  for (const c of fresh) score(engine, v, c, now);
  main.sort(byScore);
  // `fresh` stays in exploration order: the first audience goes to what needs it most, not to
  // what already scores well.
  const page = rerank(main, fresh, limit, engine.settings);
  return page.map((c) => {
    if (markSeen) v.markSeen(c.st.ix, now);
    if (remember) v.rememberServed(c.st.ix, c.similarity);
    return { item: c.st.item, score: c.score, reason: explain(engine, c, now) };
  });
}

/**
 * A page's candidates, found by item index through a stamp per item instead of a Map keyed by
 * item: a page offers a few hundred, and hashing was a tenth of its time. Reused page after page
 * (the engine is single-threaded); a new page only bumps the stamp.
 */
class Candidates {
  private stamp = new Uint32Array(1024);
  private slot = new Int32Array(1024);
  private current = 0;
  private list: Array<Candidate | null> = [];
  /**
   * Candidate objects, reused page after page (the first `made` are this page's): their number
   * fields are boxed doubles, so a new object per candidate was a third of a page's garbage, and
   * a young-generation collection every few hundred pages.
   */
  private readonly pool: Candidate[] = [];
  private made = 0;

  reset(items: number): this {
    // Nothing in the old arrays outlives a page (the stamp moves on), so growing copies nothing.
    if (items > this.stamp.length) {
      const n = Math.max(items, this.stamp.length * 2);
      this.stamp = new Uint32Array(n);
      this.slot = new Int32Array(n);
    }
    if (++this.current === 0xffffffff) {
      this.stamp.fill(0);
      this.current = 1;
    }
    this.list = [];
    this.made = 0;
    return this;
  }

  /** A candidate for this page (not yet added: `add` it, or keep it apart like exploration's). */
  make(st: ItemState, source: Source, similarity: number, because: number, category: number): Candidate {
    const c = this.pool[this.made++];
    if (!c) {
      const fresh: Candidate = { st, score: 0, source, similarity, because, category, following: 0, affinity: 0 };
      this.pool.push(fresh);
      return fresh;
    }
    c.st = st;
    c.score = 0;
    c.source = source;
    c.similarity = similarity;
    c.because = because;
    c.category = category;
    c.following = 0;
    c.affinity = 0;
    return c;
  }

  get(st: ItemState): Candidate | undefined {
    return this.stamp[st.ix] === this.current ? (this.list[this.slot[st.ix]!] ?? undefined) : undefined;
  }

  add(c: Candidate): void {
    this.stamp[c.st.ix] = this.current;
    this.slot[c.st.ix] = this.list.length;
    this.list.push(c);
  }

  drop(st: ItemState): void {
    if (this.stamp[st.ix] !== this.current) return;
    this.list[this.slot[st.ix]!] = null;
    this.stamp[st.ix] = 0;
  }

  /** In the order they were offered. */
  values(): Candidate[] {
    return this.list.filter((c): c is Candidate => c !== null);
  }
}

const candidates = new Candidates();

/**
 * Best first: higher score, then lower item index. Answers a small integer: a score difference
 * is a double, and the sort boxed every one it was handed back (a tenth of a page's garbage).
 * A NaN score compares equal and falls to the index, as the difference did.
 */
const byScore = (a: Candidate, b: Candidate): number => (a.score < b.score ? 1 : a.score > b.score ? -1 : a.st.ix - b.st.ix);

function eligible(v: ViewerState, st: ItemState, now: number, ttl: number): boolean {
  if (!st.alive || v.rejectedItems.has(st.ix) || v.wasSeen(st.ix, now, ttl)) return false;
  const bought = v.purchased.get(st.ix);
  return bought === undefined || Boolean(st.item.rebuyAfterMs && now - bought >= st.item.rebuyAfterMs);
}

function score(engine: OnlineEngine, v: ViewerState, c: Candidate, now: number): void {
  const f = engine.features;
  const base = f.itemPart(c.st, now);
  c.following = engine.follows(v, c.st) ? 1 : 0;
  c.affinity = v.affinity(c.st.cat);
  const total = pageValue(weights, f.z, base, c.similarity, c.affinity, c.following, viewerRates);
  // Each "no" to an author halves what the viewer is shown of them.
  const rejected = Math.pow(0.5, v.rejectedAuthors.get(c.st.author) ?? 0);
  c.score = total * engine.experienceOf(c.st) * c.st.boost * rejected;
}

const P_KEYS = ACTIONS.map((a) => `p_${a}`);

function explain(engine: OnlineEngine, c: Candidate, now: number): Reason {
  const f = engine.features;
  const base = f.itemPart(c.st, now);
  const factors: Record<string, number> = {};
  for (let k = 0; k < ACTIONS.length; k++) factors[P_KEYS[k]!] = round(f.predict(k, f.z[base + k]!, c.similarity, c.affinity, c.following, viewerRates[k]!));
  factors.experience = engine.experienceOf(c.st);
  if (c.st.boost !== 1) factors.campaignBoost = c.st.boost;
  if (c.similarity) factors.similarity = round(c.similarity);
  const reason: Reason = { source: c.source, factors };
  if (c.because >= 0) reason.becauseOf = engine.itemIds.ids[c.because]!;
  if (c.category >= 0) reason.categoryId = engine.categories.ids[c.category]!;
  if (c.source === 'fresh') reason.pool = c.st.pool.level;
  return reason;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
