// Matching and BM25F scoring of a plan's groups (each posting's weight is precomputed, see
// norms.ts). Every group must match (AND); the cheapest group (fewest postings) is unioned first,
// its sorted candidates are then intersected with each other group — galloping through long
// posting lists, so the work follows the rarest word, not the most common. If nothing matches
// every group, a relaxed pass (OR, ranked by how many groups a doc matched) gives the shopper
// something rather than nothing.
import type { Collector } from './collect.ts';
import type { DocTable } from './docs.ts';
import { IMPACT_UNIT, Norms } from './norms.ts';
import type { Group } from './plan.ts';
import type { Postings } from './postings.ts';
import { intersect, mergeMax, scoreView, type ImpactView, type Scored } from './lists.ts';

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
  /** Position of a marked candidate in the candidate list (see mark()). */
  private slot = new Int32Array(0);
  /** Per doc, for stream(); all zero between queries. */
  private seen = new Uint8Array(0);
  /**
   * One bit per doc (125 KB at 1M docs: it stays in the core's cache, where a per-doc int array
   * of 4 MB misses at every random touch): the docs met by a dense union, or the candidates
   * marked for probe(). Cleared before each use.
   */
  private bits = new Uint32Array(0);
  /** Per doc, the best score a dense union met it with (read only where its bit is set). */
  private dscore = new Float32Array(0);
  readonly norms: Norms;

  constructor(private readonly docs: DocTable, private readonly postings: Postings) {
    this.norms = new Norms(docs, postings);
  }

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

  /**
   * A one-word query (however many alternatives), streamed straight from its posting lists into
   * the collector, no candidate list built: each doc is taken at its first posting; a later
   * alternative's posting for it can only raise its rank (its best score counts).
   */
  stream(group: Group, into: Collector): void {
    this.prepare();
    const alive = this.alive();
    const parts = this.parts(group);
    into.expect(parts.reduce((n, p) => n + p.v.end - p.v.start, 0));
    if (parts.length === 1) {
      const { v, w } = parts[0]!;
      into.run(v.docs, v.start, v.end, v.imps, w, null, alive);
      return;
    }
    // The weightiest first (the rarest word of a synonym group, or the text over its reading), then
    // the longest: the others mostly meet docs already taken, and with the k-th best already high
    // most of those settle without touching the doc. (Longest first let a rarer synonym raise
    // nearly every doc again: 手机 then phone cost 60k heap look-ups at 1M docs.)
    parts.sort((a, b) => b.w - a.w || (b.v.end - b.v.start) - (a.v.end - a.v.start));
    const seen = this.seen;
    for (const { v, w } of parts) into.run(v.docs, v.start, v.end, v.imps, w, seen, alive);
    for (const { v } of parts) for (let i = v.start; i < v.end; i++) seen[v.docs[i]!] = 0;
  }

  /** A group's posting views, each with the score of one impact unit. */
  private parts(group: Group): Array<{ v: ImpactView; w: number }> {
    const parts: Array<{ v: ImpactView; w: number }> = [];
    for (const alt of group.alts) {
      const w = this.unit(alt.term, alt.weight);
      for (const v of this.views(alt.term)) parts.push({ v, w });
    }
    return parts;
  }

  private prepare(): void {
    const cap = this.docs.capacity;
    if (this.stamp.length < cap) {
      this.stamp = new Uint32Array(cap); this.gstamp = new Uint32Array(cap);
      this.score = new Float32Array(cap); this.gbest = new Float32Array(cap);
      this.cover = new Uint8Array(cap); this.list = new Int32Array(cap); this.slot = new Int32Array(cap); this.seen = new Uint8Array(cap);
      this.bits = new Uint32Array((cap + 31) >>> 5); this.dscore = new Float32Array(cap);
      this.epoch = 0;
    }
    this.norms.refresh();
  }

  /** The term's postings with their impacts: the main segment's precomputed, the delta's now. */
  private views(term: number): ImpactView[] {
    return this.postings.views(term).map((v) => {
      if (v.main) return { docs: v.docs, imps: this.norms.mainImpacts, start: v.start, end: v.end };
      const imps = new Uint16Array(v.end);
      this.norms.fill(v.docs, v.tfs, v.start, v.end, imps);
      return { docs: v.docs, imps, start: v.start, end: v.end };
    });
  }

  /** The alive column, or null when no doc is dead (as after a merge): then nothing to check. */
  private alive(): Uint8Array | null {
    return this.docs.live === this.docs.count ? null : this.docs.cols.alive;
  }

  /** Score of one impact unit of `term` found through an alternative of weight `alt`. */
  private unit(term: number, alt: number): number {
    const n = this.docs.live;
    const df = this.postings.df(term);
    return alt * Math.log(1 + (n - df + 0.5) / (df + 0.5)) * IMPACT_UNIT;
  }

  /** Adds one group to the dense accumulators; returns the number of docs in `list`. */
  private accumulate(group: Group, n: number): number {
    const alive = this.docs.cols.alive;
    const { stamp, gstamp, score, gbest, cover, list } = this;
    const epoch = this.epoch;
    const gEpoch = ++this.gEpochCounter;
    for (const alt of group.alts) {
      const w = this.unit(alt.term, alt.weight);
      for (const v of this.views(alt.term)) {
        for (let i = v.start; i < v.end; i++) {
          const d = v.docs[i]!;
          if (!alive[d]) continue;
          const s = w * v.imps[i]!;
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
    // The rarest group's alternatives, unioned: the candidates in doc order, with their best score.
    let { docs, scores, n } = this.union(order[0]!);
    let marked = false;
    for (let g = 1; g < order.length && n > 0; g++) {
      const best = new Float32Array(n).fill(-1);
      for (const alt of order[g]!.alts) {
        const w = this.unit(alt.term, alt.weight);
        for (const v of this.views(alt.term)) {
          // Sorted candidates against a sparse list: step through both (galloping when the list
          // is much the longer). Otherwise walk the list once, probing the candidates marked in
          // the dense per-doc arrays — no order needed, and no mispredicted branch per step.
          if (!this.dense(v.end - v.start)) intersect(docs, n, v, w, best);
          else {
            if (!marked) { this.mark(docs, n); marked = true; }
            this.probe(v, w, best);
          }
        }
      }
      let m = 0;
      for (let i = 0; i < n; i++) {
        if (best[i]! < 0) continue;
        docs[m] = docs[i]!;
        scores[m++] = scores[i]! + best[i]!;
      }
      if (m !== n) marked = false; // positions moved
      n = m;
    }
    docs = docs.subarray(0, n);
    scores = scores.subarray(0, n);
    return { docs, scores, cover: new Uint8Array(n).fill(order.length), count: n, relaxed: false };
  }

  /**
   * Whether `postings` postings are dense enough in the doc space (a posting per 16 docs or
   * more) to be worth the dense per-doc arrays: at 1M docs those are megabytes, touched at every
   * posting — cheap when consecutive postings share cache lines, a miss each when they don't.
   */
  private dense(postings: number): boolean {
    return postings * 16 >= this.docs.count;
  }

  /**
   * A group's postings (every alternative, main and delta) as one list in doc order, best score
   * per doc. Sparse lists are merged pairwise. Dense ones are gathered in the doc bitset and read
   * back in doc order (a pairwise merge of two interleaved 100k-posting lists mispredicts a
   * branch at nearly every step, and the collector reads matches in doc order far faster).
   */
  private union(group: Group): Scored {
    const parts = this.parts(group);
    if (!this.dense(parts.reduce((s, p) => s + p.v.end - p.v.start, 0)) || parts.length === 1) {
      let acc: Scored | null = null;
      for (const { v, w } of parts) {
        const part = scoreView(v, w, this.alive());
        acc = acc ? mergeMax(acc, part) : part;
      }
      return acc ?? { docs: new Int32Array(0), scores: new Float32Array(0), n: 0 };
    }
    const { bits, dscore } = this;
    bits.fill(0);
    const alive = this.alive();
    let n = 0;
    for (const { v, w } of parts) {
      const pd = v.docs, pi = v.imps;
      for (let i = v.start; i < v.end; i++) {
        const d = pd[i]!;
        if (alive !== null && alive[d] === 0) continue;
        const s = w * pi[i]!, at = d >>> 5, bit = 1 << (d & 31);
        if ((bits[at]! & bit) === 0) { bits[at] = bits[at]! | bit; dscore[d] = s; n++; }
        else if (s > dscore[d]!) dscore[d] = s;
      }
    }
    const docs = new Int32Array(n), scores = new Float32Array(n);
    for (let at = 0, k = 0; k < n; at++) {
      let x = bits[at]!;
      while (x !== 0) {
        const low = x & -x, d = (at << 5) | (31 - Math.clz32(low));
        docs[k] = d; scores[k++] = dscore[d]!;
        x ^= low;
      }
    }
    return { docs, scores, n };
  }

  /** Marks the candidates in the doc bitset, with their positions, for probe(). */
  private mark(docs: Int32Array, n: number): void {
    const { bits, slot } = this;
    bits.fill(0);
    for (let i = 0; i < n; i++) { const d = docs[i]!; bits[d >>> 5] = bits[d >>> 5]! | (1 << (d & 31)); slot[d] = i; }
  }

  /** best[i] = max(best[i], w · impact) for each marked candidate found in the view. */
  private probe(v: ImpactView, w: number, best: Float32Array): void {
    const { bits, slot } = this;
    const pd = v.docs, pi = v.imps;
    for (let j = v.start; j < v.end; j++) {
      const d = pd[j]!;
      if ((bits[d >>> 5]! & (1 << (d & 31))) === 0) continue;
      const i = slot[d]!, s = w * pi[j]!;
      if (s > best[i]!) best[i] = s;
    }
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

function empty(relaxed: boolean): Matches {
  return { docs: new Int32Array(0), scores: new Float32Array(0), cover: new Uint8Array(0), count: 0, relaxed };
}
