// The item graph, learned as events arrive (the online twin of ../knn.ts): a positive signal on
// item j links it to the viewer's last few positive items, forward more than backward, so
// "people who watched i went on to j" is known seconds after it happens. Rows are capped: when a
// row outgrows the cap its weaker half is forgotten.
//
// Items are the engine's dense indices. Each item's popularity factors ((pop+1)^-α as a source,
// (pop+1)^-β as a neighbour) are kept beside its popularity, so reading a row costs one multiply
// per neighbour and no `pow`.
import { TopK } from '../topk.ts';
import { Row } from './row.ts';

const WINDOW = 5;
const DECAY = 0.8;
const BACKWARD = 0.5;
const ROW_CAP = 400;
const ALPHA = 0.3;
const BETA = 0.1;
/** A page reads at most this many of a row's neighbours: its strongest, from a cached view. */
const VIEW = 64;
/** view()'s selection heap, reused (the engine is single-threaded): typed arrays this size live outside V8's heap and are costly to allocate. */
const viewTop = new TopK(VIEW);

/** A row's strongest neighbours, strongest first, as of `changes` adds to the row. */
interface RowView {
  ids: Int32Array;
  weights: Float64Array;
  changes: number;
}

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
  private rows: (Row | undefined)[] = [];
  private views: (RowView | undefined)[] = [];
  /** Adds per row, so a view knows when it has gone stale. */
  private changes = new Uint32Array(1024);
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
    const view = this.view(item);
    if (!view) return;
    const scale = w * this.fromFactor[item]!;
    const { score, best, because, touched } = into;
    const { ids, weights } = view;
    for (let k = 0; k < ids.length; k++) {
      const j = ids[k]!;
      const x = weights[k]! * scale;
      if (score[j] === 0) touched.push(j);
      score[j] = score[j]! + x;
      if (x > best[j]!) { best[j] = x; because[j] = item; }
    }
  }

  /**
   * The row's strongest neighbours (weight × the neighbour's popularity factor), rebuilt when
   * enough adds have come in since: a hot row is read far more often than it changes enough to
   * reorder its head.
   */
  private view(item: number): RowView | undefined {
    const row = this.rows[item];
    if (!row) return undefined;
    const had = this.views[item];
    const changes = this.changes[item]!;
    // A short row is cheap to rebuild and every new link matters (one like must change the next
    // page); a long one is rebuilt after a quarter of its length in adds.
    if (had && (changes === had.changes || (row.size > VIEW && changes - had.changes < row.size >> 2))) return had;
    const { keys, vals } = row;
    for (let i = 0; i < keys.length; i++) {
      const j = keys[i]!;
      if (j >= 0) viewTop.push(j, vals[i]! * this.toFactor[j]!);
    }
    // A rebuilt view of the same length reuses its buffers (typed arrays are costly to allocate).
    if (had && had.ids.length === viewTop.size) {
      viewTop.drainTo(had.ids, had.weights);
      had.changes = changes;
      return had;
    }
    const ids = new Int32Array(viewTop.size);
    const weights = new Float64Array(ids.length);
    viewTop.drainTo(ids, weights);
    const view: RowView = { ids, weights, changes };
    this.views[item] = view;
    return view;
  }

  /** The strongest neighbours of one item. */
  top(item: number, k: number, keep: (j: number) => boolean = () => true): { ix: number; weight: number }[] {
    const row = this.rows[item];
    if (!row) return [];
    const from = this.fromFactor[item]!;
    const all: { ix: number; weight: number }[] = [];
    for (let i = 0; i < row.keys.length; i++) {
      const j = row.keys[i]!;
      if (j >= 0 && keep(j)) all.push({ ix: j, weight: row.vals[i]! * from * this.toFactor[j]! });
    }
    return all.sort((a, b) => b.weight - a.weight || a.ix - b.ix).slice(0, k);
  }

  remove(item: number): void {
    if (this.rows[item]) this.rowCount--;
    this.rows[item] = undefined;
    this.views[item] = undefined;
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
    const changes = new Uint32Array(cap);
    changes.set(this.changes);
    this.changes = changes;
    this.pop = pop;
    this.fromFactor = from;
    this.toFactor = to;
  }

  private add(from: number, to: number, w: number): void {
    let row = this.rows[from];
    if (!row) { this.rows[from] = row = new Row(); this.rowCount++; }
    this.changes[from] = this.changes[from]! + 1;
    row.add(to, w);
    if (row.size > ROW_CAP) row.halve();
  }
}
