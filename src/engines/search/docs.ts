// Per-document columns in typed arrays, indexed by the internal doc id. External ids, categories
// and stores are interned to ints. A document that is updated or removed is only marked dead
// here (its postings are skipped by the `alive` check) until compact() renumbers the survivors.
import { DOC_TYPES, type DocType } from './types.ts';

export const FLAG_FLAGSHIP = 1;
export const FLAG_IN_STOCK = 2;
export const FIELDS = 3;

export class Interner {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  id(v: string): number | undefined { return this.ids.get(v); }
  intern(v: string): number {
    let i = this.ids.get(v);
    if (i === undefined) { i = this.values.length; this.values.push(v); this.ids.set(v, i); }
    return i;
  }
}

export interface DocColumns {
  alive: Uint8Array;
  type: Uint8Array;
  flags: Uint8Array;
  category: Int32Array;
  store: Int32Array;
  price: Float64Array;
  ships: Float32Array;
  sales: Float64Array;
  created: Float64Array;
  quality: Float32Array;
  /** Field lengths in words: doc*3 + field (title, attributes, description). */
  lengths: Uint16Array;
}
type ColumnName = keyof DocColumns;
const COLUMN_NAMES: readonly ColumnName[] = ['alive', 'type', 'flags', 'category', 'store', 'price', 'ships', 'sales', 'created', 'quality', 'lengths'];

/**
 * Quality bounds in one byte per doc: QUALITY_CEIL[qualityByte(q)] >= q, on a log scale over the
 * engine's quality range [0.05, 20] (steps of 2.4%). A ranking pass reads this 1 MB column
 * (for 1M docs) to rule out docs that can't place, instead of the 16 MB hot rows: matches come in
 * doc order, so neighbouring reads share a cache line here and almost never do there.
 */
const Q_MIN = 0.05, Q_SPAN = Math.log(400);
export const QUALITY_CEIL = Float64Array.from({ length: 256 }, (_, b) => Q_MIN * Math.exp((b / 255) * Q_SPAN) * (1 + 1e-9));
export function qualityByte(q: number): number {
  let b = Math.max(0, Math.min(255, Math.ceil((Math.log(Math.max(q, Q_MIN) / Q_MIN) / Q_SPAN) * 255)));
  // Float rounding (and the float32 copy in the hot row) must never put a doc above its bound.
  while (b < 255 && (QUALITY_CEIL[b]! < q || QUALITY_CEIL[b]! < Math.fround(q))) b++;
  return b;
}

/** The price band of an unpriced doc, in a hot row. */
export const NO_BAND = 0xffff;
/** Hot row layout: 4 words per doc. */
const HOT = { store: 0, category: 1, /** type | flags << 4 | band << 8 */ bits: 2, quality: 3 } as const;

function emptyColumns(cap: number): DocColumns {
  return {
    alive: new Uint8Array(cap), type: new Uint8Array(cap), flags: new Uint8Array(cap),
    category: new Int32Array(cap), store: new Int32Array(cap), price: new Float64Array(cap),
    ships: new Float32Array(cap), sales: new Float64Array(cap), created: new Float64Array(cap),
    quality: new Float32Array(cap), lengths: new Uint16Array(cap * FIELDS),
  };
}

export const typeIndex = (t: DocType) => DOC_TYPES.indexOf(t);

export class DocTable {
  /** Number of internal ids handed out (live and dead). */
  count = 0;
  live = 0;
  cols: DocColumns = emptyColumns(1024);
  ids: string[] = [];
  titles: string[] = [];
  private byId = new Map<string, number>();
  readonly categories = new Interner();
  readonly stores = new Interner();
  /** Sum of live docs' field lengths, for BM25's average lengths. */
  readonly lengthSum = new Float64Array(FIELDS);

  /**
   * What the facet and ranking passes read of every match, copied side by side in one 16-byte row
   * per doc (layout HOT; quality as float32 through hotQ, the same memory), so a match costs one
   * cache line rather than one per column — at 1M docs each column is megabytes, and a sparse
   * result set misses the cache at every read. Derived from the columns by pack(); not snapshotted.
   */
  hot = new Int32Array(1024 * 4);
  hotQ = new Float32Array(this.hot.buffer);
  /** Per doc, qualityByte(quality): see QUALITY_CEIL. Derived like the hot rows. */
  qByte = new Uint8Array(1024);
  /** At least every doc's quality (it only grows): lets a ranking pass skip docs that can't place. */
  maxQuality = 0;

  /** `bands`: price band lower bounds, ascending (a price below the first is in the first). */
  constructor(private readonly bands: readonly number[] = []) {}

  get capacity(): number { return this.cols.alive.length; }
  lookup(id: string): number | undefined { return this.byId.get(id); }

  /** A new internal id for `id` (the caller has already removed any previous version). */
  allocate(id: string, title: string): number {
    const d = this.count++;
    if (d >= this.capacity) this.resize(Math.max(1024, this.capacity * 2));
    this.ids[d] = id;
    this.titles[d] = title;
    this.byId.set(id, d);
    this.cols.alive[d] = 1;
    this.live++;
    return d;
  }

  /** Refreshes doc d's hot row from its columns (after they are written). */
  pack(d: number): void {
    const c = this.cols, h = this.hot, at = d * 4;
    h[at + HOT.store] = c.store[d]!;
    h[at + HOT.category] = c.category[d]!;
    h[at + HOT.bits] = c.type[d]! | (c.flags[d]! << 4) | (this.bandOf(c.price[d]!) << 8);
    this.hotQ[at + HOT.quality] = c.quality[d]!;
    this.qByte[d] = qualityByte(c.quality[d]!);
    if (c.quality[d]! > this.maxQuality) this.maxQuality = c.quality[d]!;
  }

  private bandOf(price: number): number {
    if (price !== price || this.bands.length === 0) return NO_BAND;
    let b = 0;
    while (b + 1 < this.bands.length && price >= this.bands[b + 1]!) b++;
    return b;
  }

  setLengths(d: number, lens: readonly number[]): void {
    for (let f = 0; f < FIELDS; f++) {
      const l = Math.min(lens[f] ?? 0, 65535);
      this.cols.lengths[d * FIELDS + f] = l;
      this.lengthSum[f] = this.lengthSum[f]! + l;
    }
  }

  kill(d: number): void {
    if (!this.cols.alive[d]) return;
    this.cols.alive[d] = 0;
    this.live--;
    for (let f = 0; f < FIELDS; f++) this.lengthSum[f] = this.lengthSum[f]! - this.cols.lengths[d * FIELDS + f]!;
    if (this.byId.get(this.ids[d]!) === d) this.byId.delete(this.ids[d]!);
    this.titles[d] = '';
  }

  avgLength(f: number): number {
    return this.live > 0 ? Math.max(1, this.lengthSum[f]! / this.live) : 1;
  }

  /** Renumbers live docs densely, in order; returns old id → new id (−1 for dead). */
  compact(): Int32Array {
    const remap = new Int32Array(this.count).fill(-1);
    const cols = emptyColumns(Math.max(1024, this.live));
    const ids: string[] = [];
    const titles: string[] = [];
    let n = 0;
    for (let d = 0; d < this.count; d++) {
      if (!this.cols.alive[d]) continue;
      remap[d] = n;
      for (const name of COLUMN_NAMES) {
        if (name === 'lengths') cols.lengths.set(this.cols.lengths.subarray(d * FIELDS, d * FIELDS + FIELDS), n * FIELDS);
        else cols[name][n] = this.cols[name][d]!;
      }
      ids.push(this.ids[d]!);
      titles.push(this.titles[d]!);
      n++;
    }
    this.install(cols, ids, titles, n);
    return remap;
  }

  /** Replaces every column (compaction or snapshot restore); rebuilds the id map and length sums. */
  install(cols: DocColumns, ids: string[], titles: string[], count: number): void {
    this.cols = cols;
    this.ids = ids;
    this.titles = titles;
    this.count = count;
    this.hot = new Int32Array(cols.alive.length * 4);
    this.hotQ = new Float32Array(this.hot.buffer);
    this.qByte = new Uint8Array(cols.alive.length);
    for (let d = 0; d < count; d++) this.pack(d);
    this.byId = new Map();
    this.live = 0;
    this.lengthSum.fill(0);
    for (let d = 0; d < count; d++) {
      if (!cols.alive[d]) continue;
      this.byId.set(ids[d]!, d);
      this.live++;
      for (let f = 0; f < FIELDS; f++) this.lengthSum[f] = this.lengthSum[f]! + cols.lengths[d * FIELDS + f]!;
    }
  }

  /** Columns trimmed to `count`, for snapshots. */
  columns(): Array<[ColumnName, DocColumns[ColumnName]]> {
    return COLUMN_NAMES.map((name) => [name, this.cols[name].subarray(0, name === 'lengths' ? this.count * FIELDS : this.count)]);
  }

  static columnNames(): readonly ColumnName[] { return COLUMN_NAMES; }
  static emptyColumns(cap: number): DocColumns { return emptyColumns(cap); }

  private resize(cap: number): void {
    const next = emptyColumns(cap);
    for (const name of COLUMN_NAMES) next[name].set(this.cols[name] as never);
    this.cols = next;
    const hot = new Int32Array(cap * 4);
    hot.set(this.hot);
    this.hot = hot;
    this.hotQ = new Float32Array(hot.buffer);
    const qByte = new Uint8Array(cap);
    qByte.set(this.qByte);
    this.qByte = qByte;
  }
}

export const TYPE_COUNT = DOC_TYPES.length;
