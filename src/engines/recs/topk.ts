// Top-K selection over sparse scores: a bounded min-heap, so a page costs O(n log K) in the
// number of scored candidates, never a sort of the whole catalogue.

/** Keeps the K largest (score, item) pairs; ties go to the smaller item index (stable output). */
export class TopK {
  private readonly items: Int32Array;
  private readonly scores: Float64Array;
  private n = 0;

  constructor(readonly k: number) {
    this.items = new Int32Array(Math.max(1, k));
    this.scores = new Float64Array(Math.max(1, k));
  }

  get size(): number {
    return this.n;
  }

  /** The smallest score kept, or -Infinity while there is room. */
  get floor(): number {
    return this.n < this.k ? -Infinity : this.scores[0]!;
  }

  push(item: number, score: number): void {
    if (this.k === 0) return;
    if (this.n < this.k) {
      let i = this.n++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.less(score, item, this.scores[p]!, this.items[p]!)) break;
        this.scores[i] = this.scores[p]!;
        this.items[i] = this.items[p]!;
        i = p;
      }
      this.scores[i] = score;
      this.items[i] = item;
      return;
    }
    if (!this.less(this.scores[0]!, this.items[0]!, score, item)) return;
    this.siftDown(score, item);
  }

  /** Items best first. */
  drain(): number[] {
    const out: { s: number; i: number }[] = [];
    for (let j = 0; j < this.n; j++) out.push({ s: this.scores[j]!, i: this.items[j]! });
    out.sort((a, b) => b.s - a.s || a.i - b.i);
    this.n = 0;
    return out.map((o) => o.i);
  }

  /**
   * Empties the heap into `ids` and `scores`, best first (the order drain() gives), without
   * allocating: the worst sits at the root, so it is popped into the last free place. Returns
   * how many were written (from index `at`).
   */
  drainTo(ids: Int32Array, scores: Float64Array, at = 0): number {
    const n = this.n;
    for (let out = n - 1; out >= 0; out--) {
      ids[at + out] = this.items[0]!;
      scores[at + out] = this.scores[0]!;
      const last = --this.n;
      if (last > 0) this.siftDown(this.scores[last]!, this.items[last]!);
    }
    return n;
  }

  /** a ranks below b: lower score, or the same score and a larger index. */
  private less(sa: number, ia: number, sb: number, ib: number): boolean {
    return sa < sb || (sa === sb && ia > ib);
  }

  private siftDown(score: number, item: number): void {
    let i = 0;
    const n = this.n;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.less(this.scores[r]!, this.items[r]!, this.scores[l]!, this.items[l]!)) c = r;
      if (!this.less(this.scores[c]!, this.items[c]!, score, item)) break;
      this.scores[i] = this.scores[c]!;
      this.items[i] = this.items[c]!;
      i = c;
    }
    this.scores[i] = score;
    this.items[i] = item;
  }
}
