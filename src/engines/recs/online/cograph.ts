// The item graph, learned as events arrive (the online twin of ../knn.ts): a positive signal on
// item j links it to the viewer's last few positive items, forward more than backward, so
// "people who watched i went on to j" is known seconds after it happens. Rows are capped: when a
// row outgrows the cap its weaker half is forgotten.
//
// Items are the engine's dense indices. Each item's popularity factors ((pop+1)^-α as a source,
// (pop+1)^-β as a neighbour) are kept beside its popularity, so reading a row costs one multiply
// per neighbour and no `pow`.
import { grown } from './grown.ts';
import { TopK } from '../topk.ts';
import { RowStore } from './row.ts';

const WINDOW = 5;
const DECAY = 0.8;
const BACKWARD = 0.5;
const ROW_CAP = 400;
const ALPHA = 0.3;
const BETA = 0.1;
/** A page reads at most this many of a row's neighbours: its strongest, from a cached view. */
const VIEW = 64;
/** view()'s selection heap, reused (the engine is single-threaded). */
const viewTop = new TopK(VIEW);
const NONE = -1;
/** Index of a view block size (8 → 0 … 64 → 3) in the free lists. */
const viewClass = (size: number): number => 28 - Math.clz32(size);

/** Sparse scores over item indices: a dense array plus the list of indices touched. */
export class ScoreScratch {
  score = new Float64Array(0);
  best = new Float64Array(0);
  because = new Int32Array(0);
  /** The indices touched, in the order first touched: the first `count` of `touched`. */
  touched = new Int32Array(1024);
  count = 0;

  ensure(n: number): void {
    if (this.score.length >= n) return;
    const cap = Math.max(n, this.score.length * 2, 1024);
    this.score = new Float64Array(cap);
    this.best = new Float64Array(cap);
    this.because = new Int32Array(cap);
  }

  clear(): void {
    for (let k = 0; k < this.count; k++) { const i = this.touched[k]!; this.score[i] = 0; this.best[i] = 0; }
    this.count = 0;
  }

  /** Room for `more` touches (a typed array: a plain one emptied each page was regrown each page). */
  reserve(more: number): void {
    if (this.count + more > this.touched.length) this.touched = grown(this.touched, Math.max(this.count + more, this.touched.length * 2));
  }
}

export class LiveGraph {
  private readonly rows = new RowStore();
  /**
   * Row views: a row's strongest neighbours (at most VIEW; a longer row's strongest first), as of `viewChanges`
   * adds to the row, in a block (8, 16, 32 or 64 slots) of two shared arrays (viewOff: NONE when
   * the row has no view yet). Shared for the reason rows are (row.ts): millions of small typed arrays.
   */
  private viewOff = new Int32Array(1024).fill(NONE);
  private viewCap = new Int32Array(1024);
  private viewLen = new Int32Array(1024);
  private viewChanges = new Uint32Array(1024);
  private viewIds = new Int32Array(VIEW * 1024);
  private viewWeights = new Float64Array(VIEW * 1024);
  private viewTopBlock = 0;
  /** Free view blocks' offsets by size (8 << index). */
  private readonly viewFree: number[][] = [[], [], [], []];
  /** Adds per row, so a view knows when it has gone stale. */
  private changes = new Uint32Array(1024);
  private pop = new Float64Array(1024);
  private fromFactor = new Float64Array(1024).fill(1);
  private toFactor = new Float64Array(1024).fill(1);

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
    const at = this.view(item);
    if (at === NONE) return;
    const scale = w * this.fromFactor[item]!;
    into.reserve(this.viewLen[item]!);
    const { score, best, because, touched } = into;
    let count = into.count;
    const ids = this.viewIds, weights = this.viewWeights, end = at + this.viewLen[item]!;
    for (let k = at; k < end; k++) {
      const j = ids[k]!;
      const x = weights[k]! * scale;
      if (score[j] === 0) touched[count++] = j;
      score[j] = score[j]! + x;
      if (x > best[j]!) { best[j] = x; because[j] = item; }
    }
    into.count = count;
  }

  /**
   * The row's strongest neighbours (weight × the neighbour's popularity factor), rebuilt when
   * enough adds have come in since: a hot row is read far more often than it changes enough to
   * reorder its head.
   */
  private view(item: number): number {
    const rows = this.rows;
    if (!rows.has(item)) return NONE;
    let at = this.viewOff[item]!;
    const changes = this.changes[item]!, size = rows.size[item]!;
    // A short row is cheap to rebuild and every new link matters (one like must change the next
    // page); a long one is rebuilt after a quarter of its length in adds.
    if (at !== NONE && (changes === this.viewChanges[item] || (size > VIEW && changes - this.viewChanges[item]! < size >> 2))) return at;
    const { keys, vals } = rows;
    const off = rows.off[item]!, end = off + rows.cap[item]!;
    const need = Math.max(8, 1 << (32 - Math.clz32(Math.max(1, Math.min(size, VIEW)) - 1)));
    if (at === NONE || this.viewCap[item]! < need) {
      if (at !== NONE) this.viewFree[viewClass(this.viewCap[item]!)]!.push(at);
      this.viewOff[item] = at = this.viewBlock(need);
      this.viewCap[item] = need;
    }
    const toFactor = this.toFactor;
    if (size <= VIEW) {
      // Every neighbour is in the view: copied as they lie, no selection. Nothing reads a view in
      // order (accumulate only sums), and these are the rows rebuilt on every add.
      const ids = this.viewIds, weights = this.viewWeights;
      let n = at;
      for (let i = off; i < end; i++) {
        const j = keys[i]!;
        if (j >= 0) { ids[n] = j; weights[n++] = vals[i]! * toFactor[j]!; }
      }
      this.viewLen[item] = n - at;
    } else {
      for (let i = off; i < end; i++) {
        const j = keys[i]!;
        if (j >= 0) viewTop.push(j, vals[i]! * toFactor[j]!);
      }
      this.viewLen[item] = viewTop.drainTo(this.viewIds, this.viewWeights, at);
    }
    this.viewChanges[item] = changes;
    return at;
  }

  /** A view block of `size` slots (8, 16, 32 or 64). */
  private viewBlock(size: number): number {
    const reuse = this.viewFree[viewClass(size)]!.pop();
    if (reuse !== undefined) return reuse;
    const at = this.viewTopBlock;
    this.viewTopBlock += size;
    if (this.viewTopBlock > this.viewIds.length) {
      this.viewIds = grown(this.viewIds, this.viewTopBlock);
      this.viewWeights = grown(this.viewWeights, this.viewIds.length);
    }
    return at;
  }

  /** The strongest neighbours of one item. */
  top(item: number, k: number, keep: (j: number) => boolean = () => true): { ix: number; weight: number }[] {
    const rows = this.rows;
    if (!rows.has(item)) return [];
    const from = this.fromFactor[item]!;
    const all: { ix: number; weight: number }[] = [];
    const off = rows.off[item]!, end = off + rows.cap[item]!;
    for (let i = off; i < end; i++) {
      const j = rows.keys[i]!;
      if (j >= 0 && keep(j)) all.push({ ix: j, weight: rows.vals[i]! * from * this.toFactor[j]! });
    }
    return all.sort((a, b) => b.weight - a.weight || a.ix - b.ix).slice(0, k);
  }

  remove(item: number): void {
    this.rows.remove(item);
    if (item < this.viewOff.length && this.viewOff[item] !== NONE) {
      this.viewFree[viewClass(this.viewCap[item]!)]!.push(this.viewOff[item]!);
      this.viewOff[item] = NONE;
    }
    if (item < this.pop.length) { this.pop[item] = 0; this.fromFactor[item] = 1; this.toFactor[item] = 1; }
  }

  get size(): number {
    return this.rows.count;
  }

  private grow(item: number): void {
    if (item < this.pop.length) return;
    // All per-item columns grow together, to one length.
    const n = Math.max(item + 1, this.pop.length * 2);
    this.pop = grown(this.pop, n);
    this.fromFactor = grown(this.fromFactor, n, 1);
    this.toFactor = grown(this.toFactor, n, 1);
    this.changes = grown(this.changes, n);
    this.viewOff = grown(this.viewOff, n, NONE);
    this.viewCap = grown(this.viewCap, n);
    this.viewLen = grown(this.viewLen, n);
    this.viewChanges = grown(this.viewChanges, n);
  }

  private add(from: number, to: number, w: number): void {
    this.grow(from);
    this.changes[from] = this.changes[from]! + 1;
    this.rows.add(from, to, w);
    if (this.rows.size[from]! > ROW_CAP) this.rows.halve(from);
  }
}
