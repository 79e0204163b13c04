// Leave-one-out ranking metrics (../shared/data/README.md): HR@K is the share of users whose
// held-out item is in their top K, NDCG@K the mean of 1/log2(rank+1) over those hits.

export interface RankingMetrics {
  users: number;
  hr: Record<number, number>;
  ndcg: Record<number, number>;
}

export class MetricsAccumulator {
  private n = 0;
  private readonly hits: number[];
  private readonly gains: number[];

  constructor(readonly ks: readonly number[]) {
    this.hits = ks.map(() => 0);
    this.gains = ks.map(() => 0);
  }

  /** `ranked` best first; the target counts as a miss when it isn't in it. */
  add(ranked: readonly number[], target: number): void {
    this.n++;
    const pos = ranked.indexOf(target);
    if (pos < 0) return;
    const gain = 1 / Math.log2(pos + 2);
    this.ks.forEach((k, j) => { if (pos < k) { this.hits[j]!++; this.gains[j]! += gain; } });
  }

  result(): RankingMetrics {
    const hr: Record<number, number> = {};
    const ndcg: Record<number, number> = {};
    this.ks.forEach((k, j) => { hr[k] = this.n ? this.hits[j]! / this.n : 0; ndcg[k] = this.n ? this.gains[j]! / this.n : 0; });
    return { users: this.n, hr, ndcg };
  }
}
