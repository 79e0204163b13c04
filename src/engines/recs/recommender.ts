// The offline recommender: the sequential item graph (knn.ts) blended with the learned interest
// vectors (embed.ts), with popularity filling the page when a history has too few neighbours.
// Both scores are put on one scale per user (each relative to the user's best item) before the
// blend, so `blend` means the same on any dataset.
import type { SeqEmbedding } from './embed.ts';
import { DEFAULT_KNN, ItemKnn, ScoreBuffer, type KnnParams } from './knn.ts';
import { popularity, type ItemSequence } from './sequences.ts';
import { TopK } from './topk.ts';

export class Recommender {
  private readonly buffer: ScoreBuffer;
  private readonly seen: Uint8Array;
  private readonly dense: Float64Array | null;
  /** Items by popularity, most popular first. */
  readonly byPopularity: Int32Array;

  constructor(
    readonly knn: ItemKnn,
    readonly popularity: Float64Array,
    readonly embedding: SeqEmbedding | null = null,
    /** Weight of the interest vectors' relative probability against the graph's relative score. */
    readonly blend = 0,
  ) {
    this.buffer = new ScoreBuffer(popularity.length);
    this.seen = new Uint8Array(popularity.length);
    this.dense = embedding && blend > 0 ? new Float64Array(popularity.length) : null;
    this.byPopularity = Int32Array.from(popularity.keys()).sort((a, b) => popularity[b]! - popularity[a]! || a - b);
  }

  static fit(seqs: readonly ItemSequence[], nItems: number, params: KnnParams = DEFAULT_KNN): Recommender {
    const pop = popularity(seqs, nItems);
    return new Recommender(ItemKnn.fit(seqs, nItems, pop, params), pop);
  }

  get items(): number {
    return this.popularity.length;
  }

  /**
   * The top `k` items for a user with this history; `excludeSeen` drops items already in it.
   * `fill`: top a short list up with the most popular items (the offline protocol wants k).
   */
  recommend(history: ArrayLike<number>, k: number, excludeSeen: boolean, fill = true): number[] {
    const buf = this.buffer;
    this.knn.score(history, buf);
    if (excludeSeen) for (let i = 0; i < history.length; i++) this.seen[history[i]!] = 1;
    const top = new TopK(k);
    if (this.dense && this.embedding && history.length) this.blended(history, top);
    else for (let t = 0; t < buf.count; t++) { const i = buf.at(t); if (!this.seen[i]) top.push(i, buf.scores[i]!); }
    buf.clear();
    const out = top.drain();
    if (fill && out.length < k) {
      const have = new Set(out);
      for (let r = 0; r < this.byPopularity.length && out.length < k; r++) {
        const i = this.byPopularity[r]!;
        if (!this.seen[i] && !have.has(i)) out.push(i);
      }
    }
    if (excludeSeen) for (let i = 0; i < history.length; i++) this.seen[history[i]!] = 0;
    return out;
  }

  /** Ranks every item by graph score / best graph score + blend × p(item) / p(best item). */
  private blended(history: ArrayLike<number>, top: TopK): void {
    const dense = this.dense!;
    const buf = this.buffer;
    this.embedding!.scoreAll(history, dense);
    let max = -Infinity;
    for (let i = 0; i < dense.length; i++) if (dense[i]! > max) max = dense[i]!;
    let kmax = 0;
    for (let t = 0; t < buf.count; t++) kmax = Math.max(kmax, buf.scores[buf.at(t)]!);
    const kscale = kmax > 0 ? 1 / kmax : 0;
    for (let i = 0; i < dense.length; i++) {
      if (this.seen[i]) continue;
      const s = buf.scores[i]! * kscale + this.blend * Math.exp(dense[i]! - max);
      if (s > top.floor) top.push(i, s);
    }
  }
}
