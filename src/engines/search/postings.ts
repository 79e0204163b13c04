// Term dictionary and postings. Two tiers, as in an LSM tree: the main segment is one CSR block
// (offsets per term into a sorted Int32Array of doc ids and a parallel Uint32Array of packed
// per-field frequencies), built by merge(); documents added since live in a delta of per-term
// chains in append-only typed arrays. Internal doc ids only grow, so a term's main postings
// followed by its delta chain are still sorted — queries read both with no merge step.

/** Packed frequencies: title in bits 0–7, attributes 8–15, description 16–23 (each capped at 255). */
export const packTf = (title: number, attrs: number, desc: number) => (Math.min(title, 255) | (Math.min(attrs, 255) << 8) | (Math.min(desc, 255) << 16)) >>> 0;

/** `main`: the view is a slice of the main segment (so [start, end) also indexes its impacts). */
export interface PostingView { docs: Int32Array; tfs: Uint32Array; start: number; end: number; main: boolean }

function growI32(a: Int32Array, need: number, fill = 0): Int32Array {
  if (need <= a.length) return a;
  const b = new Int32Array(newCap(a.length, need));
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}
function growU32(a: Uint32Array, need: number): Uint32Array {
  if (need <= a.length) return a;
  const b = new Uint32Array(newCap(a.length, need));
  b.set(a);
  return b;
}
function newCap(cur: number, need: number): number {
  let n = Math.max(16, cur);
  while (n < need) n *= 2;
  return n;
}

export class Postings {
  private readonly ids = new Map<string, number>();
  readonly terms: string[] = [];
  // Main segment.
  private mainTerms = 0;
  private offsets: Int32Array = new Int32Array(1);
  private docs: Int32Array = new Int32Array(0);
  private tfs: Uint32Array = new Uint32Array(0);
  // Delta chains: head/tail entry per term, entries linked forward in insertion (= doc) order.
  private head: Int32Array = new Int32Array(0);
  private tail: Int32Array = new Int32Array(0);
  private dCount: Int32Array = new Int32Array(0);
  private dDoc: Int32Array = new Int32Array(0);
  private dTf: Uint32Array = new Uint32Array(0);
  private dNext: Int32Array = new Int32Array(0);
  /** Term of each delta entry: merge() scans entries in order instead of chasing chains. */
  private dTerm: Int32Array = new Int32Array(0);
  private dSize = 0;
  /** Bumped whenever a new main segment is installed (derived data such as impacts follow it). */
  generation = 0;

  get termCount(): number { return this.terms.length; }
  get mainSize(): number { return this.docs.length; }
  get deltaSize(): number { return this.dSize; }

  id(term: string): number | undefined { return this.ids.get(term); }

  /** The term's id, creating it (and reporting so through `created`) when new. */
  intern(term: string, created?: (id: number) => void): number {
    let t = this.ids.get(term);
    if (t === undefined) {
      t = this.terms.length;
      this.terms.push(term);
      this.ids.set(term, t);
      if (t >= this.head.length) {
        this.head = growI32(this.head, t + 1, -1);
        this.tail = growI32(this.tail, t + 1, -1);
        this.dCount = growI32(this.dCount, t + 1);
      }
      created?.(t);
    }
    return t;
  }

  /** Postings count, deleted documents included until the next merge (as Lucene's docFreq). */
  df(t: number): number {
    const main = t < this.mainTerms ? this.offsets[t + 1]! - this.offsets[t]! : 0;
    return main + (this.dCount[t] ?? 0);
  }

  /** Adds a posting; per term, docs must arrive in increasing order (new docs get new, larger ids). */
  append(t: number, doc: number, tf: number): void {
    const e = this.dSize++;
    if (e >= this.dDoc.length) {
      this.dDoc = growI32(this.dDoc, e + 1);
      this.dTf = growU32(this.dTf, e + 1);
      this.dNext = growI32(this.dNext, e + 1);
      this.dTerm = growI32(this.dTerm, e + 1);
    }
    this.dTerm[e] = t;
    this.dDoc[e] = doc;
    this.dTf[e] = tf;
    this.dNext[e] = -1;
    const last = this.tail[t]!;
    if (last < 0) this.head[t] = e; else this.dNext[last] = e;
    this.tail[t] = e;
    this.dCount[t] = this.dCount[t]! + 1;
  }

  /** The term's postings as at most two sorted views (main, then delta). */
  views(t: number): PostingView[] {
    const out: PostingView[] = [];
    if (t < this.mainTerms) {
      const start = this.offsets[t]!;
      const end = this.offsets[t + 1]!;
      if (end > start) out.push({ docs: this.docs, tfs: this.tfs, start, end, main: true });
    }
    const n = this.dCount[t] ?? 0;
    if (n > 0) {
      const docs = new Int32Array(n);
      const tfs = new Uint32Array(n);
      for (let e = this.head[t]!, i = 0; e >= 0; e = this.dNext[e]!, i++) { docs[i] = this.dDoc[e]!; tfs[i] = this.dTf[e]!; }
      out.push({ docs, tfs, start: 0, end: n, main: false });
    }
    return out;
  }

  /**
   * Folds the delta into a new main segment, renumbering docs through `remap` (old id → new id,
   * −1 for a deleted doc; order-preserving), which drops deleted docs' postings for good.
   */
  merge(remap: Int32Array): void {
    const T = this.terms.length;
    const offsets = new Int32Array(T + 1);
    const mainDocs = this.docs;
    for (let t = 0; t < T; t++) {
      let c = 0;
      if (t < this.mainTerms) for (let i = this.offsets[t]!, end = this.offsets[t + 1]!; i < end; i++) if (remap[mainDocs[i]!]! >= 0) c++;
      offsets[t + 1] = c;
    }
    for (let e = 0; e < this.dSize; e++) if (remap[this.dDoc[e]!]! >= 0) offsets[this.dTerm[e]! + 1] = offsets[this.dTerm[e]! + 1]! + 1;
    for (let t = 0; t < T; t++) offsets[t + 1] = offsets[t + 1]! + offsets[t]!;
    const docs = new Int32Array(offsets[T]!);
    const tfs = new Uint32Array(offsets[T]!);
    // Write cursor per term: main postings first, then the delta's in entry order (= doc order).
    const cursor = offsets.slice(0, T);
    for (let t = 0; t < Math.min(T, this.mainTerms); t++) {
      let w = cursor[t]!;
      for (let i = this.offsets[t]!, end = this.offsets[t + 1]!; i < end; i++) {
        const d = remap[mainDocs[i]!]!;
        if (d >= 0) { docs[w] = d; tfs[w++] = this.tfs[i]!; }
      }
      cursor[t] = w;
    }
    for (let e = 0; e < this.dSize; e++) {
      const d = remap[this.dDoc[e]!]!;
      if (d < 0) continue;
      const t = this.dTerm[e]!;
      const w = cursor[t]!;
      cursor[t] = w + 1;
      docs[w] = d;
      tfs[w] = this.dTf[e]!;
    }
    this.setMain(offsets, docs, tfs);
  }

  /** Installs a main segment (merge or snapshot restore) and empties the delta. */
  setMain(offsets: Int32Array, docs: Int32Array, tfs: Uint32Array): void {
    this.mainTerms = offsets.length - 1;
    this.offsets = offsets;
    this.docs = docs;
    this.tfs = tfs;
    this.generation++;
    this.head.fill(-1);
    this.tail.fill(-1);
    this.dCount.fill(0);
    this.dSize = 0;
    // Keep a modest delta buffer rather than the one a bulk load grew.
    if (this.dDoc.length > 1 << 20) {
      this.dDoc = new Int32Array(1 << 16); this.dTf = new Uint32Array(1 << 16);
      this.dNext = new Int32Array(1 << 16); this.dTerm = new Int32Array(1 << 16);
    }
  }

  /** The main segment, for snapshots (call after merge so the delta is empty). */
  main(): { offsets: Int32Array; docs: Int32Array; tfs: Uint32Array } {
    return { offsets: this.offsets, docs: this.docs, tfs: this.tfs };
  }

  /** Restores the dictionary (terms in id order) before setMain. */
  restoreTerms(terms: readonly string[]): void {
    for (const t of terms) this.intern(t);
  }
}
