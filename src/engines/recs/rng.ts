// Seeded randomness for reproducible training: the platform's mulberry32 (pure, no I/O).
export { seededRandom as mulberry32 } from '../../platform/random.ts';

/** Draws indices in proportion to non-negative weights (Vose's alias method: O(1) a draw). */
export class AliasSampler {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: ArrayLike<number>, private readonly rand: () => number) {
    const n = weights.length;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += weights[i]!;
    const scaled = Float64Array.from({ length: n }, (_, i) => (sum > 0 ? (weights[i]! * n) / sum : 1));
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) (scaled[i]! < 1 ? small : large).push(i);
    while (small.length && large.length) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.prob[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      (scaled[l]! < 1 ? small : large).push(l);
    }
    for (const i of large) this.prob[i] = 1;
    for (const i of small) this.prob[i] = 1;
  }

  draw(): number {
    const n = this.prob.length;
    const i = Math.floor(this.rand() * n);
    return this.rand() < this.prob[i]! ? i : this.alias[i]!;
  }
}
