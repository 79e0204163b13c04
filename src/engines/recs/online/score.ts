// Features and predicted probabilities. Learning computes every feature fresh for the labelled
// impression. Serving splits each action's log-odds into an item part (the item's and its
// author's smoothed rates, freshness, live) and a viewer part (similarity, category affinity,
// following, the viewer's own rate): the item part is cached on the item until its counts change
// or serving takes a new copy of the models, so a candidate costs a few multiplies and one exp.
import { grown } from './grown.ts';
import type { ItemState, OnlineEngine } from './engine.ts';
import { NF } from './ranker.ts';
import { logit, smoothed, type Counts } from './stats.ts';
import { ACTIONS, type Action } from './types.ts';
import type { Pending, ViewerState } from './viewer.ts';

/** Rates assumed before any data (a short-video platform's typical order of magnitude). */
const PRIORS: Record<Action, number> = { finish: 0.3, engage: 0.05, tap: 0.03, purchase: 0.003 };
const DAY = 86_400_000;
/**
 * An item with new signals has its part recomputed at once if they are a tenth of all it has had
 * (a few likes on a quiet video must change the next page), else at most this often (a hot item
 * gets signals between any two pages).
 */
const REFRESH_MS = 1000;

/** Impressions behind a rate: signals can arrive without one (a like on a shared link). */
const trials = (c: Counts, a: Action): number => Math.max(c.impressions, hits(c, a));

export function hits(c: Counts, a: Action): number {
  return a === 'finish' ? c.finishes : a === 'engage' ? c.engages : a === 'tap' ? c.taps : c.orders;
}

const smooth = (h: number, n: number, prior: number, strength = 20) => smoothed(h, n, prior, strength);

export class Features {
  /**
   * Item parts, four per item index, valid while the item's `zEpoch` is the models' epoch and no
   * signals came in that matter (see REFRESH_MS): recomputing a hot item for every signal cost a
   * fifth of a page. One array for all items rather than one per item: a million small typed
   * arrays weigh on every full GC.
   */
  z = new Float64Array(4 * 1024);
  private readonly scratch = new Float64Array(NF);
  /** Priors as of the last freeze, for serving (log-odds too). */
  private readonly prior = new Float64Array(ACTIONS.length);
  private readonly priorLogit = new Float64Array(ACTIONS.length);

  constructor(private readonly e: OnlineEngine) {
    this.freeze();
  }

  /** Every feature of item `st` for viewer `v` and action `a`, as the models see them. */
  of(v: ViewerState, st: ItemState, a: Action, similarity: number, now: number, out = new Float64Array(NF)): Float64Array {
    const prior = this.priorRate(a);
    const lp = logit(prior);
    const ac = this.e.authorCounts[st.author];
    out[0] = logit(smooth(hits(st.counts, a), trials(st.counts, a), prior));
    out[1] = ac ? logit(smooth(hits(ac, a), trials(ac, a), prior)) - lp : 0;
    out[2] = similarity;
    out[3] = v.affinity(st.cat);
    out[4] = this.e.follows(v, st) ? 1 : 0;
    out[5] = Math.exp(-Math.max(0, now - st.item.publishedAt) / DAY);
    out[6] = st.item.kind === 'live' ? 1 : 0;
    out[7] = logit(smooth(v.actions[a], v.impressions, prior)) - lp;
    return out;
  }

  /** One labelled impression: a step for each action's model, and the viewer's own counts. */
  learn(p: Pending, st: ItemState): void {
    const v = p.viewer;
    for (const a of ACTIONS) this.e.models.learn(a, this.of(v, st, a, p.similarity, p.at, this.scratch), p[a] ? 1 : 0);
    v.impressions++;
    for (const a of ACTIONS) if (p[a]) v.actions[a]++;
  }

  priorRate(a: Action): number {
    const t = this.e.totals;
    return smooth(hits(t, a), trials(t, a), PRIORS[a], 100);
  }

  /** Serving takes the models and priors as they are now; cached item parts become stale. */
  freeze(): void {
    this.e.models.freeze();
    ACTIONS.forEach((a, k) => { this.prior[k] = this.priorRate(a); this.priorLogit[k] = logit(this.prior[k]!); });
  }

  /** Where in `z` the item's part of each action's log-odds (bias included) is, after making sure it is current. */
  itemPart(st: ItemState, now: number): number {
    const m = this.e.models;
    const base = st.ix * 4;
    const since = st.signals - st.zSignals;
    if (st.zEpoch === m.epoch && (since === 0 || (now - st.zAt < REFRESH_MS && since * 10 < st.signals))) return base;
    this.z = grown(this.z, base + 4);
    const ac = this.e.authorCounts[st.author];
    const fresh = Math.exp(-Math.max(0, now - st.item.publishedAt) / DAY);
    const live = st.item.kind === 'live' ? 1 : 0;
    ACTIONS.forEach((a, k) => {
      const w = m.frozen[a];
      const prior = this.prior[k]!;
      const own = logit(smooth(hits(st.counts, a), trials(st.counts, a), prior));
      const author = ac ? logit(smooth(hits(ac, a), trials(ac, a), prior)) - this.priorLogit[k]! : 0;
      this.z[base + k] = w[NF]! + w[0]! * own + w[1]! * author + w[5]! * fresh + w[6]! * live;
    });
    st.zEpoch = m.epoch;
    st.zAt = now;
    st.zSignals = st.signals;
    return base;
  }

  /** The viewer's own rate per action, relative to everyone's (once per page). */
  viewerRates(v: ViewerState, out: Float64Array): Float64Array {
    for (let k = 0; k < ACTIONS.length; k++) out[k] = logit(smooth(v.actions[ACTIONS[k]!], v.impressions, this.prior[k]!)) - this.priorLogit[k]!;
    return out;
  }

  /** Probability of action `k` from the cached item part and the viewer's features. */
  predict(k: number, itemZ: number, similarity: number, affinity: number, following: number, viewerRate: number): number {
    const w = this.e.models.frozen[ACTIONS[k]!];
    return sigmoidOf(itemZ, w[2]!, w[3]!, w[4]!, w[7]!, similarity, affinity, following, viewerRate);
  }

  /**
   * The objective's value and the frozen viewer-part weights of every action, flat (PAGE_W per
   * action), for scoring a page's few hundred candidates without a keyed lookup per candidate.
   */
  pageWeights(objective: Record<Action, number>, out: Float64Array): Float64Array {
    for (let k = 0; k < ACTIONS.length; k++) {
      const a = ACTIONS[k]!;
      const w = this.e.models.frozen[a];
      const o = k * PAGE_W;
      out[o] = objective[a];
      out[o + 1] = w[2]!;
      out[o + 2] = w[3]!;
      out[o + 3] = w[4]!;
      out[o + 4] = w[7]!;
    }
    return out;
  }
}

/** Numbers per action in `pageWeights`. */
export const PAGE_W = 5;

/** Σ value × p over the actions, p as `predict` gives it, from `pageWeights`. */
export function pageValue(pw: Float64Array, z: Float64Array, base: number, similarity: number, affinity: number, following: number, viewerRates: Float64Array): number {
  let total = 0;
  for (let k = 0, o = 0; k < ACTIONS.length; k++, o += PAGE_W) total += pw[o]! * sigmoidOf(z[base + k]!, pw[o + 1]!, pw[o + 2]!, pw[o + 3]!, pw[o + 4]!, similarity, affinity, following, viewerRates[k]!);
  return total;
}

function sigmoidOf(itemZ: number, ws: number, wa: number, wf: number, wr: number, similarity: number, affinity: number, following: number, viewerRate: number): number {
  const z = itemZ + ws * similarity + wa * affinity + wf * following + wr * viewerRate;
  return 1 / (1 + Math.exp(-z));
}
