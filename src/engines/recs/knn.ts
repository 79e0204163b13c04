// Sequential item-to-item model: the "co-engagement" and "sequential transition" candidate sources
// of the engine in one graph. Two items are similar when people engage with both (anywhere in
// their history, damped for long histories) and, more strongly, when one tends to follow the
// other within a few steps. Counts are normalised by both items' popularity, so a best-seller
// doesn't become everyone's neighbour. A user's candidates are the neighbours of their recent
// items, the most recent weighing most.
import { PairAccumulator, rowMax, type Csr } from './sparse.ts';
import { TopK } from './topk.ts';
import type { ItemSequence } from './sequences.ts';

export interface KnnParams {
  /** Forward transitions count up to this many steps ahead… */
  window: number;
  /** …each step further weighing this factor less. */
  decay: number;
  /** Backward transitions (j before i) weigh this share of forward ones. */
  reverse: number;
  /** Co-engagement pairs are counted within this distance in a history. */
  coWindow: number;
  /** Share of co-engagement (vs transitions) in the similarity. */
  mix: number;
  /** Popularity normalisation exponents of the source and the neighbour. */
  alpha: number;
  beta: number;
  /** The user's last `history` items vote, the k-th most recent with weight recency^k. */
  history: number;
  recency: number;
  /** Neighbours kept per item. */
  keep: number;
  /**
   * Second hop: the neighbours of the user's `hopFrom` best candidates join with this share of
   * the candidate's score (relative to that candidate's strongest edge). Widens the net for
   * histories whose items have few edges.
   */
  hop: number;
  hopFrom: number;
}

export const DEFAULT_KNN: KnnParams = { window: 5, decay: 0.8, reverse: 0, coWindow: 50, mix: 0.5, alpha: 0.3, beta: 0.1, history: 10, recency: 0.7, keep: 200, hop: 0.1, hopFrom: 10 };

export class ItemKnn {
  private constructor(
    readonly params: KnnParams,
    readonly graph: Csr,
  ) {}

  /** A graph made elsewhere (another thread's training), from its parts. */
  static from(params: KnnParams, graph: Csr): ItemKnn {
    return new ItemKnn(params, graph);
  }

  static fit(seqs: readonly ItemSequence[], nItems: number, popularity: Float64Array, p: KnnParams, counted?: PairAccumulator): ItemKnn {
    const acc = counted ?? ItemKnn.count(seqs, nItems, p);
    const norm = new Float64Array(nItems);
    const normTo = new Float64Array(nItems);
    for (let i = 0; i < nItems; i++) { norm[i] = Math.pow(popularity[i]! + 1, -p.alpha); normTo[i] = Math.pow(popularity[i]! + 1, -p.beta); }
    return new ItemKnn(p, acc.freeze(p.keep, (i, j, raw) => raw * norm[i]! * normTo[j]!));
  }

  /** The raw pair counts; they depend only on the counting parameters (see `countingKey`). */
  static count(seqs: readonly ItemSequence[], nItems: number, p: KnnParams): PairAccumulator {
    const acc = new PairAccumulator(nItems);
    const trans = 1 - p.mix;
    for (const s of seqs) {
      const items = s.items;
      const n = items.length;
      // Long histories say less about any one pair (the "inverse user frequency" of item-KNN).
      const co = p.mix / Math.log2(1 + n);
      const reach = Math.max(p.window, p.coWindow);
      for (let a = 0; a < n; a++) {
        const i = items[a]!;
        const wa = s.weights ? s.weights[a]! : 1;
        const end = Math.min(n, a + 1 + reach);
        let step = 1;
        for (let b = a + 1; b < end; b++, step *= p.decay) {
          const j = items[b]!;
          if (i === j) continue;
          const wab = s.weights ? wa * s.weights[b]! : 1;
          const d = b - a;
          let fwd = 0;
          let back = 0;
          if (d <= p.coWindow && co > 0) { fwd += co * wab; back += co * wab; }
          if (d <= p.window && trans > 0) { fwd += trans * step * wab; back += trans * p.reverse * step * wab; }
          if (fwd > 0) acc.add(i, j, fwd);
          if (back > 0) acc.add(j, i, back);
        }
      }
    }
    return acc;
  }

  static countingKey(p: KnnParams): string {
    return `${p.window}|${p.decay}|${p.reverse}|${p.coWindow}|${p.mix}`;
  }

  /** The same graph scored with other history parameters (`history`, `recency`). */
  rescored(p: KnnParams): ItemKnn {
    return new ItemKnn(p, this.graph);
  }

  /** Adds this model's votes for the user's next item to `into`, scaled by `scale`. */
  score(history: ArrayLike<number>, into: ScoreBuffer, scale = 1): void {
    const { ptr, idx, w } = this.graph;
    const n = history.length;
    const last = Math.min(this.params.history, n);
    let rw = scale;
    for (let k = 0; k < last; k++, rw *= this.params.recency) {
      const h = history[n - 1 - k]!;
      for (let e = ptr[h]!; e < ptr[h + 1]!; e++) into.add(idx[e]!, rw * w[e]!);
    }
    if (this.params.hop > 0 && this.params.hopFrom > 0 && into.count) this.secondHop(into);
  }

  private secondHop(into: ScoreBuffer): void {
    const { ptr, idx, w } = this.graph;
    const best = new TopK(this.params.hopFrom);
    for (let t = 0; t < into.count; t++) best.push(into.at(t), into.scores[into.at(t)]!);
    const from = best.drain();
    const scores = from.map((i) => into.scores[i]!);
    from.forEach((i, x) => {
      const max = rowMax(this.graph, i);
      if (max <= 0) return;
      const s = (this.params.hop * scores[x]!) / max;
      for (let e = ptr[i]!; e < ptr[i + 1]!; e++) into.add(idx[e]!, s * w[e]!);
    });
  }

  /** The strongest neighbours of one item (related items). */
  neighbours(item: number, k: number): { item: number; weight: number }[] {
    const out: { item: number; weight: number }[] = [];
    const { ptr, idx, w } = this.graph;
    for (let e = ptr[item]!; e < ptr[item + 1]! && out.length < k; e++) out.push({ item: idx[e]!, weight: w[e]! });
    return out;
  }
}

/** Dense scores with a list of touched entries, so clearing costs what scoring touched. */
export class ScoreBuffer {
  readonly scores: Float64Array;
  private readonly touched: Int32Array;
  private readonly mark: Uint8Array;
  private n = 0;

  constructor(size: number) {
    this.scores = new Float64Array(size);
    this.touched = new Int32Array(size);
    this.mark = new Uint8Array(size);
  }

  add(i: number, v: number): void {
    if (!this.mark[i]) { this.mark[i] = 1; this.touched[this.n++] = i; }
    this.scores[i]! += v;
  }

  get count(): number {
    return this.n;
  }

  /** The i-th touched entry. */
  at(k: number): number {
    return this.touched[k]!;
  }

  clear(): void {
    for (let k = 0; k < this.n; k++) { const i = this.touched[k]!; this.scores[i] = 0; this.mark[i] = 0; }
    this.n = 0;
  }
}
