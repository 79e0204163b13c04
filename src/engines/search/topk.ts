// A bounded heap of the k best matches, for the page being asked for.

/** Bounded min-heap keeping the k best (key desc, then score desc, then older doc first). */
export class TopK {
  private readonly key: Float64Array;
  private readonly score: Float64Array;
  private readonly doc: Int32Array;
  private n = 0;
  constructor(private readonly k: number) {
    this.key = new Float64Array(k);
    this.score = new Float64Array(k);
    this.doc = new Int32Array(k);
  }

  /** True when slot a ranks below slot b. */
  private worse(ka: number, sa: number, da: number, kb: number, sb: number, db: number): boolean {
    return ka < kb || (ka === kb && (sa < sb || (sa === sb && da > db)));
  }

  /** Keys below this can't enter (−∞ until the heap is full): lets the caller skip offer(). */
  get floor(): number { return this.n < this.k ? -Infinity : this.key[0]!; }

  /**
   * offer() for a doc that may come more than once (through several alternatives of a word), to
   * be ranked by its best offer. A repeat still in the heap is raised in place; one no longer in
   * it need not be: k better entries pushed it out, and its lower offers can't beat them.
   */
  offerMax(key: number, score: number, doc: number): void {
    for (let i = 0; i < this.n; i++) {
      if (this.doc[i] !== doc) continue;
      if (this.worse(this.key[i]!, this.score[i]!, doc, key, score, doc)) this.siftDown(i, key, score, doc);
      return;
    }
    this.offer(key, score, doc);
  }

  offer(key: number, score: number, doc: number): void {
    if (this.k === 0) return;
    if (this.n < this.k) {
      let i = this.n++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(key, score, doc, this.key[p]!, this.score[p]!, this.doc[p]!)) break;
        this.move(p, i);
        i = p;
      }
      this.set(i, key, score, doc);
      return;
    }
    if (!this.worse(this.key[0]!, this.score[0]!, this.doc[0]!, key, score, doc)) return;
    this.siftDown(0, key, score, doc);
  }

  /** Puts (key, score, doc) in slot i, replacing its entry, and restores the heap below it. */
  private siftDown(i: number, key: number, score: number, doc: number): void {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.n) break;
      const r = l + 1;
      const c = r < this.n && this.worse(this.key[r]!, this.score[r]!, this.doc[r]!, this.key[l]!, this.score[l]!, this.doc[l]!) ? r : l;
      if (!this.worse(this.key[c]!, this.score[c]!, this.doc[c]!, key, score, doc)) break;
      this.move(c, i);
      i = c;
    }
    this.set(i, key, score, doc);
  }

  private move(from: number, to: number): void {
    this.key[to] = this.key[from]!; this.score[to] = this.score[from]!; this.doc[to] = this.doc[from]!;
  }
  private set(i: number, key: number, score: number, doc: number): void {
    this.key[i] = key; this.score[i] = score; this.doc[i] = doc;
  }

  /** Best first. */
  drain(): { docs: number[]; scores: number[] } {
    const idx = Array.from({ length: this.n }, (_, i) => i);
    idx.sort((a, b) => (this.worse(this.key[a]!, this.score[a]!, this.doc[a]!, this.key[b]!, this.score[b]!, this.doc[b]!) ? 1 : -1));
    return { docs: idx.map((i) => this.doc[i]!), scores: idx.map((i) => this.score[i]!) };
  }
}
