// One pass over the matches: filters, facet counts and the top k by the requested order. Facets
// are disjunctive — each counts the matches that pass every filter but its own — so the category
// list still shows the other categories (with their counts) after the shopper picked one.
import { FLAG_FLAGSHIP, FLAG_IN_STOCK, TYPE_COUNT, type DocTable } from './docs.ts';
import type { Matches } from './match.ts';
import { DOC_TYPES, type DocType, type FacetCount, type Facets, type SortKey } from './types.ts';

export interface ResolvedFilters {
  type: number;
  categories: Uint8Array | null;
  stores: Uint8Array | null;
  priceMin: number;
  priceMax: number;
  flagship: boolean | null;
  inStock: boolean | null;
  shipsWithin: number;
}

export interface Collected {
  total: number;
  /** Top docs in order, with their relevance scores. */
  docs: number[];
  scores: number[];
  facets: Facets | null;
}

const FACET_TOP = 20;

export function collect(table: DocTable, m: Matches, f: ResolvedFilters, sort: SortKey, k: number, withFacets: boolean, qualityWeight: number, bands: readonly number[]): Collected {
  const c = table.cols;
  const heap = new TopK(k);
  const typeCounts = new Int32Array(TYPE_COUNT);
  const catCounts = withFacets ? new Int32Array(table.categories.values.length) : null;
  const storeCounts = withFacets ? new Int32Array(table.stores.values.length) : null;
  const bandCounts = new Int32Array(bands.length);
  let total = 0;
  // Columns and filter values hoisted to locals: this loop runs over every match.
  const { price: priceCol, flags: flagsCol, ships: shipsCol, category: catCol, store: storeCol, type: typeCol, quality: qualityCol } = c;
  const mDocs = m.docs;
  const mScores = m.scores;
  const { flagship, inStock, shipsWithin, priceMin, priceMax, type: wantType, categories, stores } = f;
  const anyPrice = priceMin !== -Infinity || priceMax !== Infinity;
  const byScore = sort === 'relevance';
  for (let i = 0; i < m.count; i++) {
    const d = mDocs[i]!;
    const flags = flagsCol[d]!;
    if (flagship !== null && ((flags & FLAG_FLAGSHIP) !== 0) !== flagship) continue;
    if (inStock !== null && ((flags & FLAG_IN_STOCK) !== 0) !== inStock) continue;
    if (shipsWithin !== Infinity && !(shipsCol[d]! <= shipsWithin)) continue;
    const price = priceCol[d]!;
    const cat = catCol[d]!;
    const store = storeCol[d]!;
    const typeOk = wantType < 0 || typeCol[d] === wantType;
    const catOk = categories === null || (cat >= 0 && categories[cat] === 1);
    const storeOk = stores === null || (store >= 0 && stores[store] === 1);
    const priceOk = !anyPrice || (price >= priceMin && price <= priceMax);
    if (withFacets) {
      if (catOk && storeOk && priceOk) inc(typeCounts, typeCol[d]!);
      if (typeOk && storeOk && priceOk && cat >= 0) inc(catCounts!, cat);
      if (typeOk && catOk && priceOk && store >= 0) inc(storeCounts!, store);
      if (typeOk && catOk && storeOk && price === price) inc(bandCounts, bandOf(bands, price));
    }
    if (!(typeOk && catOk && storeOk && priceOk)) continue;
    total++;
    let score = mScores[i]!;
    if (qualityWeight !== 0) score *= qualityWeight === 1 ? qualityCol[d]! : qualityCol[d]! ** qualityWeight;
    const key = byScore ? score : sortKey(sort, c, d, score);
    if (key >= heap.floor) heap.offer(key, score, d);
  }
  const { docs, scores } = heap.drain();
  const facets: Facets | null = withFacets ? {
    types: Object.fromEntries(DOC_TYPES.map((t, i) => [t, typeCounts[i]!])) as Record<DocType, number>,
    categories: topCounts(catCounts!, table.categories.values),
    stores: topCounts(storeCounts!, table.stores.values),
    priceBands: bands.map((min, i) => ({ minFen: min, maxFen: bands[i + 1] ?? null, count: bandCounts[i]! })),
  } : null;
  return { total, docs, scores, facets };
}

function sortKey(sort: SortKey, c: DocTable['cols'], d: number, score: number): number {
  switch (sort) {
    case 'relevance': return score;
    case 'sales': return c.sales[d]!;
    case 'newest': return c.created[d]!;
    // Unpriced docs (stores, creators) go last either way.
    case 'price_asc': { const p = c.price[d]!; return p === p ? -p : -Infinity; }
    case 'price_desc': { const p = c.price[d]!; return p === p ? p : -Infinity; }
  }
}

const inc = (a: Int32Array, i: number) => { a[i] = a[i]! + 1; };

function bandOf(bands: readonly number[], price: number): number {
  let b = 0;
  while (b + 1 < bands.length && price >= bands[b + 1]!) b++;
  return b;
}

/** The FACET_TOP largest counts, found in one pass without materialising every value. */
function topCounts(counts: Int32Array, names: readonly string[]): FacetCount[] {
  const top: number[] = []; // indices, kept sorted by count desc (small: FACET_TOP)
  const before = (a: number, b: number) => counts[a]! > counts[b]! || (counts[a] === counts[b] && names[a]! < names[b]!);
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) continue;
    if (top.length === FACET_TOP && !before(i, top[FACET_TOP - 1]!)) continue;
    let at = top.length === FACET_TOP ? FACET_TOP - 1 : top.length;
    while (at > 0 && before(i, top[at - 1]!)) { top[at] = top[at - 1]!; at--; }
    top[at] = i;
  }
  return top.map((i) => ({ value: names[i]!, count: counts[i]! }));
}

/** Bounded min-heap keeping the k best (key desc, then score desc, then older doc first). */
class TopK {
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
    let i = 0;
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
