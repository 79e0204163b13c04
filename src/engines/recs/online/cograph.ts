// The item graph, learned as events arrive (the online twin of ../knn.ts): a positive signal on
// item j links it to the viewer's last few positive items, forward more than backward, so
// "people who watched i went on to j" is known seconds after it happens. Rows are capped: when a
// row outgrows the cap its weaker half is forgotten.
//
// Items are the engine's dense indices. Each item's popularity factors ((pop+1)^-α as a source,
// (pop+1)^-β as a neighbour) are kept beside its popularity, so reading a row costs one multiply
// per neighbour and no `pow`.

const WINDOW = 5;
const DECAY = 0.8;
const BACKWARD = 0.5;
const ROW_CAP = 400;
const ALPHA = 0.3;
const BETA = 0.1;

/** Sparse scores over item indices: a dense array plus the list of indices touched. */
export class ScoreScratch {
  score = new Float64Array(0);
  best = new Float64Array(0);
  because = new Int32Array(0);
  touched: number[] = [];

  ensure(n: number): void {
    if (this.score.length >= n) return;
    const cap = Math.max(n, this.score.length * 2, 1024);
    this.score = new Float64Array(cap);
    this.best = new Float64Array(cap);
    this.because = new Int32Array(cap);
  }

  clear(): void {
    for (const i of this.touched) { this.score[i] = 0; this.best[i] = 0; }
    this.touched.length = 0;
  }
}

export class LiveGraph {
  private rows: (Map<number, number> | undefined)[] = [];
  private pop = new Float64Array(1024);
  private fromFactor = new Float64Array(1024).fill(1);
  private toFactor = new Float64Array(1024).fill(1);
  private rowCount = 0;

  /** Links `item` to the last `len` entries of `history` (which do not yet hold it). */
  observe(history: readonly number[], item: number, weight: number): void {
    this.grow(item);
    const p = this.pop[item]! + weight;
    this.pop[item] = p;
    this.fromFactor[item] = Math.pow(p + 1, -ALPHA);
    this.toFactor[item] = Math.pow(p + 1, -BETA);
    let step = 1;
    for (let k = history.length - 1, d = 0; k >= 0 && d < WINDOW; k--, d++, step *= DECAY) {
      const i = history[k]!;
      if (i === item) continue;
      this.add(i, item, weight * step);
      this.add(item, i, weight * step * BACKWARD);
    }
  }

  /**
   * Adds `w` × each neighbour's normalised weight into `into`, remembering for every neighbour
   * which source item gave it the most (the "because you watched …" of the explanation).
   */
  accumulate(item: number, w: number, into: ScoreScratch): void {
    const row = this.rows[item];
    if (!row) return;
    const scale = w * this.fromFactor[item]!;
    const { score, best, because, touched } = into;
    const to = this.toFactor;
    for (const [j, raw] of row) {
      const x = raw * scale * to[j]!;
      if (score[j] === 0) touched.push(j);
      score[j] = score[j]! + x;
      if (x > best[j]!) { best[j] = x; because[j] = item; }
    }
  }

  /** The strongest neighbours of one item. */
  top(item: number, k: number, keep: (j: number) => boolean = () => true): { ix: number; weight: number }[] {
    const row = this.rows[item];
    if (!row) return [];
    const from = this.fromFactor[item]!;
    const all: { ix: number; weight: number }[] = [];
    for (const [j, raw] of row) if (keep(j)) all.push({ ix: j, weight: raw * from * this.toFactor[j]! });
    return all.sort((a, b) => b.weight - a.weight || a.ix - b.ix).slice(0, k);
  }

  remove(item: number): void {
    if (this.rows[item]) this.rowCount--;
    this.rows[item] = undefined;
    if (item < this.pop.length) { this.pop[item] = 0; this.fromFactor[item] = 1; this.toFactor[item] = 1; }
  }

  get size(): number {
    return this.rowCount;
  }

  private grow(item: number): void {
    if (item < this.pop.length) return;
    const cap = Math.max(item + 1, this.pop.length * 2);
    const pop = new Float64Array(cap);
    pop.set(this.pop);
    const from = new Float64Array(cap).fill(1);
    from.set(this.fromFactor);
    const to = new Float64Array(cap).fill(1);
    to.set(this.toFactor);
    this.pop = pop;
    this.fromFactor = from;
    this.toFactor = to;
  }

  private add(from: number, to: number, w: number): void {
    let row = this.rows[from];
    if (!row) { this.rows[from] = row = new Map(); this.rowCount++; }
    row.set(to, (row.get(to) ?? 0) + w);
    if (row.size > ROW_CAP) {
      const values = Float64Array.from(row.values()).sort();
      const cut = values[row.size >> 1]!;
      for (const [j, v] of row) if (v < cut) row.delete(j);
    }
  }
}
