// Matching and BM25F scoring of a plan's groups. Every group must match (AND); the cheapest
// group (fewest postings) is unioned first, its sorted candidates are then intersected with each
// other group — galloping through long posting lists, so the work follows the rarest word, not
// the most common. If nothing matches every group, a relaxed pass (OR, ranked by how many groups
// a doc matched) gives the shopper something rather than nothing.
import type { DocTable } from './docs.ts';
import { FIELDS } from './docs.ts';
import type { Group } from './plan.ts';
import type { PostingView, Postings } from './postings.ts';

/** BM25F: title weighs most, then attributes, then description; b per field (titles are short). */
const FIELD_WEIGHT = [3, 1.5, 0.6] as const;
const FIELD_B = [0.5, 0.75, 0.75] as const;
const K1 = 1.2;

export interface Matches {
  docs: Int32Array;
  scores: Float32Array;
  /** Groups each doc matched (all of them unless relaxed). */
  cover: Uint8Array;
  count: number;
  relaxed: boolean;
}

/** Scratch buffers reused across queries (the engine is single-threaded), grown with the doc table. */
export class Matcher {
  private stamp = new Uint32Array(0);
  private gstamp = new Uint32Array(0);
  private score = new Float32Array(0);
  private gbest = new Float32Array(0);
  private cover = new Uint8Array(0);
  private epoch = 0;
  private list = new Int32Array(0);
  // BM25F constants for the current query: tf_f · w_f / (c1_f + c2_f · len_f).
  private readonly c1 = new Float64Array(FIELDS);
  private readonly c2 = new Float64Array(FIELDS);

  constructor(private readonly docs: DocTable, private readonly postings: Postings) {}

  /** `relax`: when nothing matches every group, fall back to docs matching any (ranked by coverage). */
  run(groups: readonly Group[], relax: boolean): Matches {
    this.prepare();
    const order = [...groups].sort((a, b) => a.est - b.est);
    if (order.length === 0) return empty(false);
    if (order.every((g) => g.alts.length > 0)) {
      const strict = this.conjunctive(order);
      if (strict.count > 0 || order.length === 1) return strict;
    }
    return relax && order.length > 1 ? this.disjunctive(order) : empty(false);
  }

  private prepare(): void {
    const cap = this.docs.capacity;
    if (this.stamp.length < cap) {
      this.stamp = new Uint32Array(cap); this.gstamp = new Uint32Array(cap);
      this.score = new Float32Array(cap); this.gbest = new Float32Array(cap);
      this.cover = new Uint8Array(cap); this.list = new Int32Array(cap);
      this.epoch = 0;
    }
    for (let f = 0; f < FIELDS; f++) {
      this.c1[f] = (1 - FIELD_B[f]!) / FIELD_WEIGHT[f]!;
      this.c2[f] = FIELD_B[f]! / this.docs.avgLength(f) / FIELD_WEIGHT[f]!;
    }
  }

  private idf(term: number): number {
    const n = this.docs.live;
    const df = this.postings.df(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Saturated BM25F term weight of one posting (idf and alternative weight applied by the caller). */
  private tfNorm(d: number, tf: number): number {
    if (tf === 0) return 0;
    const lens = this.docs.cols.lengths;
    const base = d * FIELDS;
    let x = 0;
    const t0 = tf & 255, t1 = (tf >>> 8) & 255, t2 = (tf >>> 16) & 255;
    if (t0) x += t0 / (this.c1[0]! + this.c2[0]! * lens[base]!);
    if (t1) x += t1 / (this.c1[1]! + this.c2[1]! * lens[base + 1]!);
    if (t2) x += t2 / (this.c1[2]! + this.c2[2]! * lens[base + 2]!);
    return (x * (K1 + 1)) / (x + K1);
  }

  /** Adds one group to the dense accumulators; returns the number of docs in `list`. */
  private accumulate(group: Group, n: number): number {
    const alive = this.docs.cols.alive;
    const { stamp, gstamp, score, gbest, cover, list } = this;
    const epoch = this.epoch;
    const gEpoch = ++this.gEpochCounter;
    for (const alt of group.alts) {
      const w = alt.weight * this.idf(alt.term);
      for (const v of this.postings.views(alt.term)) {
        for (let i = v.start; i < v.end; i++) {
          const d = v.docs[i]!;
          if (!alive[d]) continue;
          const s = w * this.tfNorm(d, v.tfs[i]!);
          if (stamp[d] !== epoch) {
            stamp[d] = epoch; score[d] = 0; cover[d] = 0;
            if (n > 0 && d < list[n - 1]!) this.unsorted = true;
            list[n++] = d;
          }
          if (gstamp[d] !== gEpoch) { gstamp[d] = gEpoch; gbest[d] = s; cover[d] = cover[d]! + 1; score[d] = score[d]! + s; }
          else if (s > gbest[d]!) { score[d] = score[d]! + s - gbest[d]!; gbest[d] = s; }
        }
      }
    }
    return n;
  }
  private gEpochCounter = 0;
  /** Whether `list` lost doc order (several alternatives or views were unioned). */
  private unsorted = false;

  /** The accumulated docs in doc order: as they are, or re-sorted, or — when they are a large
   *  share of all docs — read back off the stamp array, which beats sorting 100k+ ids. */
  private sortedList(n: number): Int32Array {
    if (!this.unsorted) return this.list.slice(0, n);
    const total = this.docs.count;
    if (n * 16 < total) return this.list.slice(0, n).sort();
    const out = new Int32Array(n);
    const { stamp, epoch } = this;
    for (let d = 0, k = 0; d < total; d++) if (stamp[d] === epoch) out[k++] = d;
    return out;
  }

  private nextEpoch(): void {
    this.unsorted = false;
    if (++this.epoch === 0xffffffff) { this.stamp.fill(0); this.epoch = 1; }
    if (this.gEpochCounter > 0xfffffff0) { this.gstamp.fill(0); this.gEpochCounter = 0; }
  }

  private conjunctive(order: readonly Group[]): Matches {
    // The rarest group's alternatives, merged: sorted candidates with their best score.
    let { docs, scores, n } = this.union(order[0]!);
    for (let g = 1; g < order.length && n > 0; g++) {
      const best = new Float32Array(n).fill(-1);
      for (const alt of order[g]!.alts) {
        const w = alt.weight * this.idf(alt.term);
        for (const v of this.postings.views(alt.term)) this.intersect(docs, n, v, w, best);
      }
      let m = 0;
      for (let i = 0; i < n; i++) {
        if (best[i]! < 0) continue;
        docs[m] = docs[i]!;
        scores[m++] = scores[i]! + best[i]!;
      }
      n = m;
    }
    docs = docs.subarray(0, n);
    scores = scores.subarray(0, n);
    return { docs, scores, cover: new Uint8Array(n).fill(order.length), count: n, relaxed: false };
  }

  /** A group's postings (every alternative, main and delta) as one sorted list, max score per doc. */
  private union(group: Group): { docs: Int32Array; scores: Float32Array; n: number } {
    let acc: { docs: Int32Array; scores: Float32Array; n: number } | null = null;
    for (const alt of group.alts) {
      const w = alt.weight * this.idf(alt.term);
      for (const v of this.postings.views(alt.term)) {
        const part = this.scoreView(v, w);
        acc = acc ? mergeMax(acc, part) : part;
      }
    }
    return acc ?? { docs: new Int32Array(0), scores: new Float32Array(0), n: 0 };
  }

  private scoreView(v: PostingView, w: number): { docs: Int32Array; scores: Float32Array; n: number } {
    const len = v.end - v.start;
    const docs = new Int32Array(len);
    const scores = new Float32Array(len);
    const alive = this.docs.cols.alive;
    const lens = this.docs.cols.lengths;
    // tfNorm inlined with its constants in locals: this is the hottest loop of a broad query.
    const a0 = this.c1[0]!, b0 = this.c2[0]!, a1 = this.c1[1]!, b1 = this.c2[1]!, a2 = this.c1[2]!, b2 = this.c2[2]!;
    const pd = v.docs, pt = v.tfs;
    let n = 0;
    for (let i = v.start; i < v.end; i++) {
      const d = pd[i]!;
      if (alive[d] === 0) continue;
      const tf = pt[i]!;
      let x = 0;
      if (tf !== 0) {
        const base = d * FIELDS;
        const t0 = tf & 255, t1 = (tf >>> 8) & 255, t2 = tf >>> 16;
        if (t0 !== 0) x += t0 / (a0 + b0 * lens[base]!);
        if (t1 !== 0) x += t1 / (a1 + b1 * lens[base + 1]!);
        if (t2 !== 0) x += t2 / (a2 + b2 * lens[base + 2]!);
      }
      docs[n] = d;
      scores[n++] = (w * x * (K1 + 1)) / (x + K1);
    }
    return { docs, scores, n };
  }

  /** best[i] = max(best[i], w · tfNorm) for each candidate docs[i] present in the view. */
  private intersect(docs: Int32Array, n: number, v: PostingView, w: number, best: Float32Array): void {
    const pd = v.docs;
    let j = v.start;
    const end = v.end;
    if (n * 16 < end - j) {
      for (let i = 0; i < n && j < end; i++) {
        const target = docs[i]!;
        // Gallop: double the step until past the target, then binary search back.
        let step = 1;
        let hi = j;
        while (hi < end && pd[hi]! < target) { j = hi; hi += step; step *= 2; }
        if (hi > end) hi = end;
        while (j < hi) { const mid = (j + hi) >>> 1; if (pd[mid]! < target) j = mid + 1; else hi = mid; }
        if (j < end && pd[j] === target) this.hit(best, i, w * this.tfNorm(target, v.tfs[j]!));
      }
    } else {
      let i = 0;
      while (i < n && j < end) {
        const a = docs[i]!, b = pd[j]!;
        if (a < b) i++;
        else if (a > b) j++;
        else { this.hit(best, i, w * this.tfNorm(a, v.tfs[j]!)); i++; j++; }
      }
    }
  }

  private hit(best: Float32Array, i: number, s: number): void {
    if (s > best[i]!) best[i] = s;
  }

  private disjunctive(order: readonly Group[]): Matches {
    this.nextEpoch();
    let n = 0;
    for (const g of order) n = this.accumulate(g, n);
    const docs = this.sortedList(n);
    const scores = new Float32Array(n);
    const cover = new Uint8Array(n);
    // Coverage dominates: a doc matching 2 of 3 words outranks any doc matching 1.
    const total = order.length;
    for (let i = 0; i < n; i++) {
      const d = docs[i]!;
      cover[i] = this.cover[d]!;
      scores[i] = this.score[d]! * (cover[i]! / total) ** 2;
    }
    return { docs, scores, cover, count: n, relaxed: true };
  }
}

/** Two sorted lists merged into one, keeping the higher score of a doc found in both. */
function mergeMax(a: { docs: Int32Array; scores: Float32Array; n: number }, b: { docs: Int32Array; scores: Float32Array; n: number }) {
  const docs = new Int32Array(a.n + b.n);
  const scores = new Float32Array(a.n + b.n);
  let i = 0, j = 0, n = 0;
  while (i < a.n && j < b.n) {
    const x = a.docs[i]!, y = b.docs[j]!;
    if (x < y) { docs[n] = x; scores[n++] = a.scores[i++]!; }
    else if (x > y) { docs[n] = y; scores[n++] = b.scores[j++]!; }
    else { docs[n] = x; scores[n++] = Math.max(a.scores[i++]!, b.scores[j++]!); }
  }
  while (i < a.n) { docs[n] = a.docs[i]!; scores[n++] = a.scores[i++]!; }
  while (j < b.n) { docs[n] = b.docs[j]!; scores[n++] = b.scores[j++]!; }
  return { docs, scores, n };
}

function empty(relaxed: boolean): Matches {
  return { docs: new Int32Array(0), scores: new Float32Array(0), cover: new Uint8Array(0), count: 0, relaxed };
}
