// The search engine: one index over products, videos, stores and creators. Pure and in memory:
// the search module feeds it documents from catalog and content events and asks it queries;
// snapshot() and SearchEngine.restore() let a restart skip re-analysing the catalog.
import { Analyzer } from './analyzer.ts';
import { Collector, type ResolvedFilters } from './collect.ts';
import { analyzeDoc, titleWordsOf, validateDoc } from './doc-input.ts';
import { DocTable, FLAG_FLAGSHIP, FLAG_IN_STOCK, typeIndex, type Interner } from './docs.ts';
import { highlight } from './highlight.ts';
import { Matcher } from './match.ts';
import { PinyinIndex } from './pinyin.ts';
import { buildPlan, type Group, type Lexicon, type Plan } from './plan.ts';
import { Postings } from './postings.ts';
import { readSnapshot, writeSnapshot, type RestoreResult } from './snapshot.ts';
import { Suggester } from './suggest.ts';
import { buildSynonyms } from './synonym-map.ts';
import { DEFAULT_SYNONYMS } from './synonyms.ts';
import { FILTER, UNI, BI, isCjk } from './text.ts';
import { TypoIndex } from './typo.ts';
import { DOC_TYPES, type DocError, type EngineOptions, type EngineStats, type SearchDoc, type SearchFilters, type SearchResult, type Suggestion } from './types.ts';
import { validateRequest } from './validate.ts';

const DEFAULT_BANDS = [0, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000];

export class SearchEngine {
  /** Internal state, shared with the snapshot writer/reader in this folder. */
  readonly state: {
    analyzer: Analyzer; postings: Postings; docs: DocTable; pinyin: PinyinIndex; typos: TypoIndex; suggester: Suggester;
  };
  private readonly lex: Lexicon;
  private readonly matcher: Matcher;
  private readonly bands: number[];
  private readonly qualityWeight: number;
  private readonly sampleLimit: number;
  private bulk = false;

  constructor(options: EngineOptions = {}) {
    const synonyms = options.synonyms ?? DEFAULT_SYNONYMS;
    const analyzer = new Analyzer(synonyms.flat(), options.userDict);
    const postings = new Postings();
    const bands = [...(options.priceBands ?? DEFAULT_BANDS)].sort((a, b) => a - b);
    const docs = new DocTable(bands);
    this.state = { analyzer, postings, docs, pinyin: new PinyinIndex(), typos: new TypoIndex(), suggester: new Suggester() };
    this.lex = { analyzer, postings, pinyin: this.state.pinyin, typos: this.state.typos, synonyms: buildSynonyms(analyzer, synonyms) };
    this.matcher = new Matcher(docs, postings);
    this.bands = bands;
    this.qualityWeight = options.qualityWeight ?? 1;
    this.sampleLimit = Math.max(1, options.sampleLimit ?? 20_000);
  }

  /** Adds or replaces a document; it is findable as soon as this returns. */
  upsert(input: SearchDoc): { ok: true } | DocError {
    const doc = validateDoc(input);
    if ('ok' in doc) return doc;
    const { docs, postings, typos, suggester } = this.state;
    const prev = docs.lookup(doc.id);
    if (prev !== undefined) this.retire(prev);
    const a = analyzeDoc(this.state.analyzer, doc);
    const d = docs.allocate(doc.id, doc.title);
    const c = docs.cols;
    c.type[d] = typeIndex(doc.type);
    c.flags[d] = (doc.flagship ? FLAG_FLAGSHIP : 0) | (doc.inStock === false ? 0 : FLAG_IN_STOCK);
    c.category[d] = doc.categoryId ? docs.categories.intern(doc.categoryId) : -1;
    c.store[d] = doc.storeId ? docs.stores.intern(doc.storeId) : -1;
    c.price[d] = doc.priceFen ?? NaN;
    c.ships[d] = doc.shipsWithinHours ?? NaN;
    c.sales[d] = doc.sales ?? 0;
    c.created[d] = doc.createdAt ?? 0;
    c.quality[d] = Math.min(20, Math.max(0.05, doc.quality ?? 1));
    docs.pack(d);
    docs.setLengths(d, a.lengths);
    for (const [term, tf] of a.terms) postings.append(postings.intern(term, (t) => this.onNewTerm(t, term)), d, tf);
    for (const s of a.surfaces) typos.add(s);
    for (const w of a.titleWords) suggester.addWord(w, 1);
    if (doc.type === 'store' || doc.type === 'creator') suggester.addName(doc.title, 1);
    this.maybeMerge();
    return { ok: true };
  }

  /** Loads many documents, merging the index once at the end instead of as it grows. */
  upsertMany(input: Iterable<SearchDoc>): { ok: true; count: number } | (DocError & { index: number }) {
    this.bulk = true;
    let i = 0;
    try {
      for (const doc of input) {
        const r = this.upsert(doc);
        if (!r.ok) return { ...r, index: i };
        i++;
      }
    } finally {
      this.bulk = false;
      // A bulk load is worth a merge at a lower bar than single updates: queries then read one
      // CSR block instead of chasing delta chains. Small batches still don't pay a full merge.
      const { postings } = this.state;
      if (postings.deltaSize > Math.max(1 << 16, postings.mainSize / 8)) this.optimize();
      else this.maybeMerge();
    }
    return { ok: true, count: i };
  }

  /** Removes a document; true when it was there. */
  remove(id: string): boolean {
    const d = this.state.docs.lookup(id);
    if (d === undefined) return false;
    this.retire(d);
    this.maybeMerge();
    return true;
  }

  has(id: string): boolean { return this.state.docs.lookup(id) !== undefined; }

  search(input: unknown): SearchResult {
    const req = validateRequest(input);
    if ('ok' in req) return req;
    const { docs } = this.state;
    let plan: Plan;
    let groups: Group[];
    if (req.q) {
      plan = buildPlan(this.lex, req.q);
      groups = plan.groups;
    } else {
      plan = { groups: [], corrections: [], dropped: 0, marks: { han: new Set(), latin: new Set() } };
      groups = this.browseGroups(req.filters);
    }
    const k = req.page * req.size;
    const collector = new Collector(docs, this.resolve(req.filters), req.sort, k, req.facets, this.qualityWeight, this.bands, this.sampleLimit);
    let relaxed = false;
    // One word needs no intersection: its postings stream straight into the collector.
    if (groups.length === 1) this.matcher.stream(groups[0]!, collector);
    else {
      const matches = this.matcher.run(groups, req.q.length > 0);
      relaxed = matches.relaxed;
      collector.takeAll(matches);
    }
    const got = collector.finish();
    const from = (req.page - 1) * req.size;
    const hits = got.docs.slice(from, k).map((d, i) => ({
      id: docs.ids[d]!,
      type: DOC_TYPES[docs.cols.type[d]!]!,
      score: Math.round(got.scores[from + i]! * 1e4) / 1e4,
      title: docs.titles[d]!,
      highlights: highlight(docs.titles[d]!, plan.marks),
    }));
    return {
      ok: true, total: got.total, page: req.page, size: req.size, hits, facets: got.facets, estimated: got.estimated,
      understood: { terms: plan.groups.map((g) => g.label), corrections: plan.corrections, relaxed, droppedTerms: plan.dropped },
    };
  }

  /** Autocomplete for what the shopper has typed so far (text, pinyin or initials prefix). */
  suggest(prefix: unknown, limit = 10): Suggestion[] {
    if (typeof prefix !== 'string' || prefix.length > 200) return [];
    return this.state.suggester.suggest(prefix, Math.max(1, Math.min(20, Math.floor(limit) || 10)));
  }

  /** Feeds the popular-query log: `count` more searches for `q`. */
  recordQuery(q: string, count = 1): void {
    if (typeof q === 'string' && Number.isFinite(count) && q.length <= 100) this.state.suggester.addQuery(q, count);
  }

  /** Folds recent changes into the main segment and drops deleted documents for good. */
  optimize(): void {
    const remap = this.state.docs.compact();
    this.state.postings.merge(remap);
    this.matcher.norms.refresh(); // now, not at the next query: that one should not pay for it
  }

  snapshot(): Uint8Array {
    this.optimize();
    return writeSnapshot(this.state);
  }

  static restore(bytes: Uint8Array, options: EngineOptions = {}): RestoreResult<SearchEngine> {
    const engine = new SearchEngine(options);
    const r = readSnapshot(bytes, engine.state);
    if (!r.ok) return r;
    engine.matcher.norms.refresh();
    return { ok: true, engine };
  }

  stats(): EngineStats {
    const { docs, postings, suggester } = this.state;
    return { docs: docs.live, deleted: docs.count - docs.live, terms: postings.termCount, postings: postings.mainSize, deltaPostings: postings.deltaSize, suggestions: suggester.size };
  }

  private onNewTerm(t: number, term: string): void {
    if (term[0] !== UNI && term[0] !== BI && term[0] !== FILTER && isCjk(term.charCodeAt(0))) this.state.pinyin.add(t, term);
  }

  private retire(d: number): void {
    const { docs, suggester, analyzer } = this.state;
    const title = docs.titles[d] ?? '';
    for (const w of titleWordsOf(analyzer, title)) suggester.addWord(w, -1);
    const type = docs.cols.type[d];
    if (type === typeIndex('store') || type === typeIndex('creator')) suggester.addName(title, -1);
    docs.kill(d);
  }

  private maybeMerge(): void {
    if (this.bulk) return;
    const { docs, postings } = this.state;
    const dead = docs.count - docs.live;
    if (postings.deltaSize > Math.max(1 << 20, postings.mainSize / 4) || dead > Math.max(1024, docs.count / 4)) this.optimize();
  }

  /** Browsing with no query: the chosen categories and/or stores are the match groups. */
  private browseGroups(f: SearchFilters): Group[] {
    const groups: Group[] = [];
    const add = (prefix: string, ids: readonly string[] | undefined) => {
      if (!ids?.length) return;
      const alts = ids.map((id) => this.state.postings.id(FILTER + prefix + id)).filter((t): t is number => t !== undefined).map((term) => ({ term, weight: 1 }));
      groups.push({ label: prefix, alts, est: alts.reduce((s, a) => s + this.state.postings.df(a.term), 0) });
    };
    add('c', f.categoryIds);
    add('s', f.storeIds);
    return groups;
  }

  private resolve(f: SearchFilters): ResolvedFilters {
    const mask = (ids: readonly string[] | undefined, interner: Interner) => {
      if (!ids) return null;
      const m = new Uint8Array(interner.values.length);
      for (const id of ids) { const i = interner.id(id); if (i !== undefined) m[i] = 1; }
      return m;
    };
    return {
      type: f.type ? typeIndex(f.type) : -1,
      categories: mask(f.categoryIds, this.state.docs.categories),
      stores: mask(f.storeIds, this.state.docs.stores),
      priceMin: f.priceMinFen ?? -Infinity,
      priceMax: f.priceMaxFen ?? Infinity,
      flagship: f.flagship ?? null,
      inStock: f.inStock ?? null,
      shipsWithin: f.shipsWithinHours ?? Infinity,
    };
  }
}
