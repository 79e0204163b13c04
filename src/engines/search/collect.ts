// One pass over the matches: filters, facet counts and the top k by the requested order.
import { FLAG_FLAGSHIP, FLAG_IN_STOCK, NO_BAND, QUALITY_CEIL, TYPE_COUNT, type DocTable } from './docs.ts';
import { TopK } from './topk.ts';
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
  /** Which counts were estimated from a sample (see Collector.expect). */
  estimated: { total: boolean; facets: boolean };
}

const FACET_TOP = 20;

/**
 * Keeps the total, the facet counts and the top k by the requested order over the matches, fed
 * in runs (run(), takeAll()); a doc met again through another alternative of the same word is
 * ranked by its best score. Filters split in two:
 * flagship, stock and dispatch time drop a doc outright; type, category, store and price are
 * facets too, and each facet counts the docs passing every filter but its own, so the category
 * list still shows the other categories after the shopper picked one.
 * Everything a match needs is in its hot row (docs.ts), one cache line per match: at 1M docs the
 * row table is 16 MB and a broad word's matches are spread all over it. So the row is read only
 * when needed: for a doc that may place (its score times its quality bound, from the 1-byte
 * column, reaches the k-th best so far), and for counting. Counting a broad query (more matches
 * than the sample limit) reads every stride-th match only and scales up: the facets, and with
 * filters the total, are then estimates (flagged in the result); the top k stay exact.
 */
export class Collector {
  /** Matches counted by unfiltered runs (filtered runs count sampledOk). */
  private total = 0;
  private readonly heap: TopK;
  private floor = -Infinity;
  private readonly counts: Counts | null;
  /** No filter at all: every match counts everywhere (most queries, and the broad ones). */
  private readonly plain: boolean;
  private readonly anyPrice: boolean;
  private readonly hot: Int32Array;
  private readonly hotQ: Float32Array;
  private readonly qByte: Uint8Array;
  /** Per quality byte, what a score times it bounds (its ranking key), or Infinity when it can't (another sort order). */
  private readonly qBound: Float64Array;
  /** The sort key's column (null: relevance), read directly rather than through a switch. */
  private readonly keyCol: Float64Array | null;
  private readonly negate: boolean;
  /**
   * Count about every stride-th match (1: all); tick counts down to the next. The gaps are
   * random (1 … 2·stride − 1, fixed seed: the same query counts the same) so a catalogue
   * imported in a repeating order (category after category) can't alias with the stride.
   */
  private stride = 1;
  private tick = 1;
  private rng = 0x9e3779b9;
  /** Sampled matches that passed every filter (filtered runs with stride > 1). */
  private sampledOk = 0;
  private readonly noBand = NO_BAND; // module bindings are getters, too slow per match
  private readonly flagFlagship = FLAG_FLAGSHIP;
  private readonly flagInStock = FLAG_IN_STOCK;

  constructor(private readonly table: DocTable, private readonly f: ResolvedFilters, sort: SortKey, k: number, withFacets: boolean, private readonly qualityWeight: number, private readonly bands: readonly number[], private readonly sampleLimit = Infinity) {
    this.heap = new TopK(k);
    this.counts = withFacets ? {
      types: new Int32Array(TYPE_COUNT), categories: new Int32Array(table.categories.values.length),
      stores: new Int32Array(table.stores.values.length), bands: new Int32Array(bands.length),
    } : null;
    this.anyPrice = f.priceMin !== -Infinity || f.priceMax !== Infinity;
    this.plain = f.type < 0 && f.categories === null && f.stores === null && !this.anyPrice && f.flagship === null && f.inStock === null && f.shipsWithin === Infinity;
    this.hot = table.hot;
    this.hotQ = table.hotQ;
    this.qByte = table.qByte;
    const c = table.cols;
    this.keyCol = sort === 'sales' ? c.sales : sort === 'newest' ? c.created : sort === 'relevance' ? null : c.price;
    this.negate = sort === 'price_asc';
    this.qBound = QUALITY_CEIL.map((q) => (sort !== 'relevance' || qualityWeight < 0 ? Infinity : qualityWeight === 0 ? 1 : q ** qualityWeight));
  }

  /**
   * Announces about how many matches will be fed (before the first run): beyond the sample
   * limit, counting samples every stride-th match. Counting nothing (no facets, no filters) needs
   * no sample: the total is then a plain count.
   */
  expect(n: number): void {
    const needs = this.counts !== null || !this.plain;
    this.stride = needs && n > this.sampleLimit ? Math.ceil(n / this.sampleLimit) : 1;
    this.tick = this.stride;
  }

  /** Matches already gathered (a multi-word query's intersection, or the relaxed fallback). */
  takeAll(m: Matches): void {
    this.expect(m.count);
    this.run(m.docs, 0, m.count, m.scores, 1, null, null);
  }

  /**
   * Takes the docs docs[start..end), the i-th scoring w · vals[i]. With `seen` (per doc: 0 not
   * met yet, 1 met and filtered out, 2 met and taken, 3 met but not looked at; the caller clears it), a doc may come
   * again through another alternative, and its best score ranks it. `alive`: skip dead docs.
   *
   * Tight loops with every field in a local: they run for every match of a broad query (180k
   * docs for 手机 in a 1M catalog), where a method call and a dozen property loads per doc cost
   * more than the work. The unfiltered case (most queries, and the broadest) has its own.
   */
  run(docs: Int32Array, start: number, end: number, vals: Uint16Array | Float32Array, w: number, seen: Uint8Array | null, alive: Uint8Array | null): void {
    if (this.plain) this.runPlain(docs, start, end, vals, w, seen, alive);
    else this.runFiltered(docs, start, end, vals, w, seen, alive);
  }

  private runPlain(docs: Int32Array, start: number, end: number, vals: Uint16Array | Float32Array, w: number, seen: Uint8Array | null, alive: Uint8Array | null): void {
    const { hot, hotQ, qByte, qBound, heap, keyCol, negate, qualityWeight: qw, counts, stride } = this;
    const noBand = this.noBand;
    const cTypes = counts?.types, cCats = counts?.categories, cStores = counts?.stores, cBands = counts?.bands;
    let floor = this.floor, total = this.total, tick = this.tick, rng = this.rng;
    for (let i = start; i < end; i++) {
      const d = docs[i]!;
      if (alive !== null && alive[d] === 0) continue;
      const s = w * vals[i]!;
      if (seen !== null) {
        if (seen[d] !== 0) {
          // Most repeats can't reach the heap: settled without touching the doc.
          if (!(s * qBound[qByte[d]!]! < floor)) { this.floor = floor; this.raise(d, s); floor = this.floor; }
          continue;
        }
        seen[d] = 2;
      }
      total++;
      const at = d << 2;
      if (cTypes !== undefined && cCats !== undefined && cStores !== undefined && cBands !== undefined && --tick === 0) {
        tick = stride === 1 ? 1 : 1 + (((rng = (Math.imul(rng, 1664525) + 1013904223) >>> 0) >>> 12) % (2 * stride - 1));
        const store = hot[at]!, cat = hot[at + 1]!, bits = hot[at + 2]!;
        const type = bits & 15, band = bits >>> 8;
        cTypes[type] = cTypes[type]! + 1;
        if (cat >= 0) cCats[cat] = cCats[cat]! + 1;
        if (store >= 0) cStores[store] = cStores[store]! + 1;
        if (band !== noBand) cBands[band] = cBands[band]! + 1;
      }
      if (s * qBound[qByte[d]!]! < floor) continue;
      const score = qw === 1 ? s * hotQ[at + 3]! : qw === 0 ? s : s * hotQ[at + 3]! ** qw;
      let key = score;
      if (keyCol !== null) {
        const v = keyCol[d]!;
        // Unpriced docs (stores, creators) go last either way.
        key = v !== v ? -Infinity : negate ? -v : v;
      }
      if (key < floor) continue;
      heap.offer(key, score, d);
      floor = heap.floor;
    }
    this.floor = floor;
    this.total = total;
    this.tick = tick;
    this.rng = rng;
  }

  private runFiltered(docs: Int32Array, start: number, end: number, vals: Uint16Array | Float32Array, w: number, seen: Uint8Array | null, alive: Uint8Array | null): void {
    const { hot, hotQ, qByte, qBound, heap, keyCol, negate, qualityWeight: qw, counts, stride } = this;
    const { flagship, inStock, shipsWithin, priceMin, priceMax, type: wantType, categories, stores } = this.f;
    const { price: priceCol, ships: shipsCol } = this.table.cols;
    const anyPrice = this.anyPrice, noBand = this.noBand, flagFlagship = this.flagFlagship, flagInStock = this.flagInStock;
    const cTypes = counts?.types, cCats = counts?.categories, cStores = counts?.stores, cBands = counts?.bands;
    let floor = this.floor, tick = this.tick, rng = this.rng, sampledOk = this.sampledOk;
    for (let i = start; i < end; i++) {
      const d = docs[i]!;
      if (alive !== null && alive[d] === 0) continue;
      const s = w * vals[i]!;
      // Negated: a zero score times an infinite bound (another sort order) is NaN, and may place.
      const mayPlace = !(s * qBound[qByte[d]!]! < floor);
      if (seen !== null) {
        const m = seen[d]!;
        if (m !== 0) {
          if (mayPlace && (m === 2 || (m === 3 && this.passes(d, seen)))) { this.floor = floor; this.raise(d, s); floor = this.floor; }
          continue;
        }
      }
      // A doc neither counted (off the sample) nor able to place is not looked at, only marked
      // met (3): its one chance to be sampled is gone, so docs in several lists aren't counted
      // more often, and a later alternative that may place it looks at it then (passes()).
      const sampled = --tick === 0;
      if (sampled) tick = stride === 1 ? 1 : 1 + (((rng = (Math.imul(rng, 1664525) + 1013904223) >>> 0) >>> 12) % (2 * stride - 1));
      if (!sampled && !mayPlace) {
        if (seen !== null) seen[d] = 3;
        continue;
      }
      const at = d << 2;
      const bits = hot[at + 2]!;
      const flags = (bits >>> 4) & 15;
      let ok = (flagship === null || ((flags & flagFlagship) !== 0) === flagship)
        && (inStock === null || ((flags & flagInStock) !== 0) === inStock)
        && (shipsWithin === Infinity || shipsCol[d]! <= shipsWithin);
      if (ok) {
        // Facets are disjunctive: each counts the docs passing every filter but its own.
        const store = hot[at]!, cat = hot[at + 1]!, type = bits & 15, band = bits >>> 8;
        const typeOk = wantType < 0 || type === wantType;
        const catOk = categories === null || (cat >= 0 && categories[cat] === 1);
        const storeOk = stores === null || (store >= 0 && stores[store] === 1);
        const priceOk = !anyPrice || (priceCol[d]! >= priceMin && priceCol[d]! <= priceMax);
        if (sampled && cTypes !== undefined && cCats !== undefined && cStores !== undefined && cBands !== undefined) {
          if (catOk && storeOk && priceOk) cTypes[type] = cTypes[type]! + 1;
          if (typeOk && storeOk && priceOk && cat >= 0) cCats[cat] = cCats[cat]! + 1;
          if (typeOk && catOk && priceOk && store >= 0) cStores[store] = cStores[store]! + 1;
          if (typeOk && catOk && storeOk && band !== noBand) cBands[band] = cBands[band]! + 1;
        }
        ok = typeOk && catOk && storeOk && priceOk;
      }
      if (seen !== null) seen[d] = ok ? 2 : 1;
      if (!ok) continue;
      if (sampled) sampledOk++;
      if (!mayPlace) continue;
      const score = qw === 1 ? s * hotQ[at + 3]! : qw === 0 ? s : s * hotQ[at + 3]! ** qw;
      let key = score;
      if (keyCol !== null) {
        const v = keyCol[d]!;
        key = v !== v ? -Infinity : negate ? -v : v;
      }
      if (key < floor) continue;
      heap.offer(key, score, d);
      floor = heap.floor;
    }
    this.floor = floor;
    this.tick = tick;
    this.rng = rng;
    this.sampledOk = sampledOk;
  }

  /** Whether a doc met but not looked at (seen 3) passes every filter; records the answer in seen. */
  private passes(d: number, seen: Uint8Array): boolean {
    const f = this.f, c = this.table.cols, at = d << 2, bits = this.hot[at + 2]!, flags = (bits >>> 4) & 15;
    const store = this.hot[at]!, cat = this.hot[at + 1]!, price = c.price[d]!;
    const ok = (f.flagship === null || ((flags & FLAG_FLAGSHIP) !== 0) === f.flagship)
      && (f.inStock === null || ((flags & FLAG_IN_STOCK) !== 0) === f.inStock)
      && (f.shipsWithin === Infinity || c.ships[d]! <= f.shipsWithin)
      && (f.type < 0 || (bits & 15) === f.type)
      && (f.categories === null || (cat >= 0 && f.categories[cat] === 1))
      && (f.stores === null || (store >= 0 && f.stores[store] === 1))
      && (!this.anyPrice || (price >= f.priceMin && price <= f.priceMax));
    seen[d] = ok ? 2 : 1;
    return ok;
  }

  /** A taken doc met again with score s through another alternative: its best offer counts. */
  private raise(d: number, s: number): void {
    const qw = this.qualityWeight, q = this.hotQ[(d << 2) + 3]!;
    const score = qw === 1 ? s * q : qw === 0 ? s : s * q ** qw;
    let key = score;
    if (this.keyCol !== null) {
      const v = this.keyCol[d]!;
      key = v !== v ? -Infinity : this.negate ? -v : v;
    }
    if (key < this.floor) return;
    this.heap.offerMax(key, score, d);
    this.floor = this.heap.floor;
  }

  finish(): Collected {
    const { docs, scores } = this.heap.drain();
    const { counts, table, bands, stride } = this;
    if (counts && stride > 1) for (const c of [counts.types, counts.categories, counts.stores, counts.bands]) for (let i = 0; i < c.length; i++) c[i] = c[i]! * stride;
    // Filtered runs count the sample only; unfiltered ones count every match exactly.
    const total = this.plain ? this.total : stride > 1 ? this.sampledOk * stride : this.sampledOk;
    const facets: Facets | null = counts ? {
      types: Object.fromEntries(DOC_TYPES.map((t, i) => [t, counts.types[i]!])) as Record<DocType, number>,
      categories: topCounts(counts.categories, table.categories.values),
      stores: topCounts(counts.stores, table.stores.values),
      priceBands: bands.map((min, i) => ({ minFen: min, maxFen: bands[i + 1] ?? null, count: counts.bands[i]! })),
    } : null;
    return { total, docs, scores, facets, estimated: { total: !this.plain && stride > 1, facets: counts !== null && stride > 1 } };
  }
}

interface Counts { types: Int32Array; categories: Int32Array; stores: Int32Array; bands: Int32Array }

/** The FACET_TOP largest counts, found in one pass without materialising every value. */
function topCounts(counts: Int32Array, names: readonly string[]): FacetCount[] {
  const top: number[] = []; // indices, kept sorted by count desc (small: FACET_TOP)
  const before = (a: number, b: number) => counts[a]! > counts[b]! || (counts[a] === counts[b] && names[a]! < names[b]!);
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i]!;
    if (n === 0) continue;
    // Most values fall below the 20th count already held: a number compare settles them.
    if (top.length === FACET_TOP && (n < counts[top[FACET_TOP - 1]!]! || !before(i, top[FACET_TOP - 1]!))) continue;
    let at = top.length === FACET_TOP ? FACET_TOP - 1 : top.length;
    while (at > 0 && before(i, top[at - 1]!)) { top[at] = top[at - 1]!; at--; }
    top[at] = i;
  }
  return top.map((i) => ({ value: names[i]!, count: counts[i]! }));
}
