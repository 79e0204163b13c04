import { beforeAll, describe, expect, it } from 'vitest';
import { SearchEngine, type SearchDoc, type SearchOk, type SearchResult } from './index.ts';

const DOCS: SearchDoc[] = [
  { id: 'p1', type: 'product', title: 'Apple/苹果 iPhone 15 Pro 256GB 5G手机', attributes: ['品牌 Apple'], description: '国行正品', categoryId: 'phone', storeId: 'apple', flagship: true, priceFen: 799900, inStock: true, shipsWithinHours: 24, sales: 500, createdAt: 3, quality: 1 },
  { id: 'p2', type: 'product', title: '山东红富士苹果 5斤 新鲜水果', attributes: ['产地 山东'], description: '脆甜多汁', categoryId: 'fruit', storeId: 'farm', priceFen: 3990, inStock: true, shipsWithinHours: 48, sales: 900, createdAt: 1 },
  { id: 'p3', type: 'product', title: '纯棉T恤男短袖 夏季新款', attributes: ['材质 纯棉'], categoryId: 'men', storeId: 'cloth', priceFen: 5900, inStock: false, shipsWithinHours: 72, sales: 100, createdAt: 2 },
  { id: 'p4', type: 'product', title: '新鲜西红柿 沙瓤 5斤', categoryId: 'veg', storeId: 'farm', priceFen: 1990, sales: 50, createdAt: 4 },
  { id: 'p5', type: 'product', title: 'Wireless Bluetooth Headphones 头戴式耳机', categoryId: 'audio', storeId: 'apple', flagship: true, priceFen: 149900, sales: 300, createdAt: 5 },
  { id: 'p6', type: 'product', title: '316不锈钢保温杯 大容量', categoryId: 'home', storeId: 'home', priceFen: 6900, sales: 700, createdAt: 6 },
  { id: 'p7', type: 'product', title: '硅胶手机壳', attributes: ['适用 苹果'], categoryId: 'phone', storeId: 'cloth', priceFen: 1500, sales: 2000, createdAt: 7 },
  { id: 'p8', type: 'product', title: '手机支架 桌面', description: '适合苹果和华为', categoryId: 'phone', storeId: 'home', priceFen: 2500, sales: 10, createdAt: 8 },
  { id: 's1', type: 'store', title: '苹果官方旗舰店', flagship: true, sales: 10 },
  { id: 'v1', type: 'video', title: '夏季连衣裙穿搭', attributes: ['连衣裙', '穿搭'] },
  { id: 'c1', type: 'creator', title: '数码达人阿杰', description: '手机测评' },
];

const ok = (r: SearchResult): SearchOk => {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}`);
  return r;
};
const ids = (r: SearchResult) => ok(r).hits.map((h) => h.id);

let engine: SearchEngine;
beforeAll(() => {
  engine = new SearchEngine();
  const r = engine.upsertMany(DOCS);
  expect(r).toEqual({ ok: true, count: DOCS.length });
});

describe('matching', () => {
  it('finds Chinese words, and partial words through bigrams', () => {
    expect(ids(engine.search({ q: '苹果' }))).toEqual(expect.arrayContaining(['p1', 'p2', 's1']));
    expect(ids(engine.search({ q: '保温杯' }))).toEqual(['p6']);
    expect(ids(engine.search({ q: '温杯' }))).toEqual(['p6']); // not a word: matched by its bigram
    expect(ids(engine.search({ q: '苹果手机' }))[0]).toBe('p1');
  });

  it('reads Latin queries as pinyin: full, spaced and initials', () => {
    for (const q of ['pingguo', 'ping guo', 'pg']) expect(ids(engine.search({ q }))).toEqual(expect.arrayContaining(['p1', 'p2', 's1']));
    expect(ids(engine.search({ q: 'baowenbei' }))).toEqual(['p6']);
    expect(ids(engine.search({ q: 'pingguo shouji' }))[0]).toBe('p1');
  });

  it('tolerates typos in Latin words and says what it corrected', () => {
    const r = ok(engine.search({ q: 'iphnoe' }));
    expect(r.hits.map((h) => h.id)).toEqual(['p1']);
    expect(r.understood.corrections).toEqual([{ from: 'iphnoe', to: 'iphone' }]);
    expect(ids(engine.search({ q: 'headphoens' }))).toEqual(['p5']); // 10 letters: 2 edits allowed
    expect(ids(engine.search({ q: 'ipho' }))).toEqual([]); // 4 letters: 1 edit, iphone is 2 away
  });

  it('expands synonyms', () => {
    expect(ids(engine.search({ q: '番茄' }))).toEqual(['p4']);
    expect(ids(engine.search({ q: 'tomato' }))).toEqual(['p4']);
    expect(ids(engine.search({ q: 'mobile' }))).toEqual(expect.arrayContaining(['p1', 'p7', 'p8']));
    expect(ids(engine.search({ q: 't恤' }))).toEqual(['p3']);
    expect(ids(engine.search({ q: 'tshirt' }))).toEqual(['p3']);
  });

  it('stems English words', () => {
    expect(ids(engine.search({ q: 'headphone' }))).toEqual(['p5']);
  });

  it('ranks title matches above attribute matches above description matches (BM25F)', () => {
    // 苹果 is in p7's attributes and p8's description; phone goods only, to compare like with like.
    const r = ids(engine.search({ q: '苹果', filters: { categoryIds: ['phone'] } }));
    expect(r).toEqual(['p1', 'p7', 'p8']);
  });

  it('falls back to partial matches when no doc has every word', () => {
    const r = ok(engine.search({ q: '保温杯 耳机' }));
    expect(r.understood.relaxed).toBe(true);
    expect(r.hits.map((h) => h.id).sort()).toEqual(['p5', 'p6']);
  });
});

describe('filters, facets, sorts', () => {
  const q = '苹果';
  it('filters by type, category, store, price, flagship, stock and dispatch time', () => {
    expect(ids(engine.search({ q, filters: { type: 'store' } }))).toEqual(['s1']);
    expect(ids(engine.search({ q, filters: { categoryIds: ['fruit'] } }))).toEqual(['p2']);
    expect(ids(engine.search({ q, filters: { storeIds: ['apple'] } }))).toEqual(['p1']);
    expect(ids(engine.search({ q, filters: { priceMinFen: 1000, priceMaxFen: 5000 } })).sort()).toEqual(['p2', 'p7', 'p8']);
    expect(ids(engine.search({ q, filters: { flagship: true } })).sort()).toEqual(['p1', 's1']);
    expect(ids(engine.search({ q: '短袖', filters: { inStock: true } }))).toEqual([]);
    expect(ids(engine.search({ q: '短袖', filters: { inStock: false } }))).toEqual(['p3']);
    expect(ids(engine.search({ q, filters: { shipsWithinHours: 24 } }))).toEqual(['p1']);
    expect(ids(engine.search({ q, filters: { categoryIds: ['nope'] } }))).toEqual([]);
  });

  it('counts facets over the matches, each ignoring its own filter', () => {
    const r = ok(engine.search({ q, filters: { categoryIds: ['fruit'] } }));
    expect(r.total).toBe(1);
    const f = r.facets!;
    expect(f.categories).toEqual([{ value: 'phone', count: 3 }, { value: 'fruit', count: 1 }]);
    expect(f.stores).toEqual([{ value: 'farm', count: 1 }]);
    expect(f.types).toEqual({ product: 1, video: 0, store: 0, creator: 0 });
    expect(f.priceBands.find((b) => b.minFen === 0)!.count).toBe(1);
    const all = ok(engine.search({ q }));
    expect(all.facets!.types).toEqual({ product: 4, video: 0, store: 1, creator: 0 });
    expect(all.facets!.priceBands.reduce((s, b) => s + b.count, 0)).toBe(4); // the store has no price
  });

  it('sorts by sales, price both ways and newest', () => {
    const filters = { type: 'product' as const };
    expect(ids(engine.search({ q, filters, sort: 'sales' }))).toEqual(['p7', 'p2', 'p1', 'p8']);
    expect(ids(engine.search({ q, filters, sort: 'price_asc' }))).toEqual(['p7', 'p8', 'p2', 'p1']);
    expect(ids(engine.search({ q, filters, sort: 'price_desc' }))).toEqual(['p1', 'p2', 'p8', 'p7']);
    expect(ids(engine.search({ q, filters, sort: 'newest' }))).toEqual(['p8', 'p7', 'p1', 'p2']);
  });

  it('multiplies relevance by the quality the caller supplies', () => {
    const e = new SearchEngine();
    e.upsert({ id: 'a', type: 'product', title: '保温杯', quality: 1 });
    e.upsert({ id: 'b', type: 'product', title: '保温杯', quality: 2 });
    expect(ids(e.search({ q: '保温杯' }))).toEqual(['b', 'a']);
  });

  it('pages through results without overlap', () => {
    const p1 = ids(engine.search({ q, size: 2, page: 1 }));
    const p2 = ids(engine.search({ q, size: 2, page: 2 }));
    expect(p1).toHaveLength(2);
    expect(p1.filter((x) => p2.includes(x))).toEqual([]);
    expect([...p1, ...p2]).toEqual(ids(engine.search({ q, size: 4 })));
  });

  it('browses a category without a query', () => {
    expect(ids(engine.search({ q: '', filters: { categoryIds: ['phone'] }, sort: 'sales' }))).toEqual(['p7', 'p1', 'p8']);
  });
});

describe('highlights and suggestions', () => {
  it('marks matched spans by offsets into the original title', () => {
    const hit = ok(engine.search({ q: 'iphone 苹果' })).hits[0]!;
    expect(hit.id).toBe('p1');
    expect(hit.highlights.map((s) => hit.title.slice(s.start, s.end))).toEqual(['Apple', '苹果', 'iPhone']);
    const t = ok(engine.search({ q: 'pingguo' })).hits.find((h) => h.id === 'p2')!;
    expect(t.highlights.map((s) => t.title.slice(s.start, s.end))).toEqual(['苹果']);
  });

  it('suggests from titles and popular queries, by text, pinyin and initials prefix', () => {
    const e = new SearchEngine();
    e.upsertMany(DOCS);
    e.recordQuery('苹果手机', 50);
    const texts = (p: string) => e.suggest(p).map((s) => s.text);
    expect(texts('苹')[0]).toBe('苹果手机');
    expect(texts('苹')).toContain('苹果');
    expect(texts('pingg')).toEqual(expect.arrayContaining(['苹果手机', '苹果']));
    expect(e.suggest('pgsj')[0]).toMatchObject({ text: '苹果手机', kind: 'query', via: 'initials' });
    expect(texts('iph')).toContain('iphone');
    expect(texts('苹果官')).toEqual(['苹果官方旗舰店']);
    expect(e.suggest('')).toEqual([]);
  });
});

describe('incremental updates and snapshots', () => {
  it('finds a new doc, an updated one by its new text only, and no removed one, at once', () => {
    const e = new SearchEngine();
    e.upsertMany(DOCS);
    e.upsert({ id: 'n1', type: 'product', title: '榴莲 金枕头' });
    expect(ids(e.search({ q: '榴莲' }))).toEqual(['n1']);
    e.upsert({ id: 'n1', type: 'product', title: '山竹 新鲜' });
    expect(ids(e.search({ q: '榴莲' }))).toEqual([]);
    expect(ids(e.search({ q: '山竹' }))).toEqual(['n1']);
    expect(e.remove('n1')).toBe(true);
    expect(e.remove('n1')).toBe(false);
    expect(ids(e.search({ q: '山竹' }))).toEqual([]);
    e.optimize();
    expect(e.stats().deleted).toBe(0);
    expect(ids(e.search({ q: '保温杯' }))).toEqual(['p6']);
  });

  it('restores a snapshot that answers exactly as the original', () => {
    const e = new SearchEngine();
    e.upsertMany(DOCS);
    e.remove('p8');
    e.recordQuery('保温杯', 3);
    // As read back from disk: a Node Buffer (whose slice() shares memory) at an odd offset.
    const snap = e.snapshot();
    const disk = Buffer.concat([Buffer.from([0]), Buffer.from(snap)]).subarray(1);
    const r = SearchEngine.restore(disk);
    if (!r.ok) throw new Error(r.message);
    for (const q of ['苹果', 'pg', 'iphnoe', '番茄', '温杯', '手机']) expect(r.engine.search({ q })).toEqual(e.search({ q }));
    expect(r.engine.suggest('bao')).toEqual(e.suggest('bao'));
    expect(r.engine.stats()).toEqual(e.stats());
    r.engine.upsert({ id: 'n2', type: 'product', title: '榴莲' });
    expect(ids(r.engine.search({ q: '榴莲' }))).toEqual(['n2']);
  });

  it('refuses a corrupt snapshot or an unknown version with a typed error', () => {
    const snap = engine.snapshot();
    expect(SearchEngine.restore(new Uint8Array([1, 2, 3]))).toMatchObject({ ok: false, code: 'bad_snapshot' });
    const future = snap.slice();
    new DataView(future.buffer).setUint32(4, 99, true);
    expect(SearchEngine.restore(future)).toMatchObject({ ok: false, code: 'snapshot_version' });
    expect(SearchEngine.restore(snap.slice(0, snap.length >> 1))).toMatchObject({ ok: false, code: 'bad_snapshot' });
  });
});

describe('bad input', () => {
  const code = (input: unknown) => {
    const r = engine.search(input);
    return r.ok ? 'ok' : `${r.code}:${r.field}`;
  };
  it('answers with a typed error naming the field', () => {
    expect(code({ q: '' })).toBe('empty_query:q');
    expect(code({ q: '   \u0000\u0007 ' })).toBe('empty_query:q');
    expect(code({ q: 'x'.repeat(1024) })).toBe('query_too_long:q');
    expect(code({ q: 42 })).toBe('invalid_query:q');
    expect(code(null)).toBe('invalid_request:');
    expect(code({ q: 'a', page: 0 })).toBe('invalid_page:page');
    expect(code({ q: 'a', page: 1e9 })).toBe('page_too_deep:page');
    expect(code({ q: 'a', page: 1.5 })).toBe('invalid_page:page');
    expect(code({ q: 'a', size: 10_000 })).toBe('invalid_size:size');
    expect(code({ q: 'a', sort: 'random' })).toBe('unknown_sort:sort');
    expect(code({ q: 'a', filters: { colour: 'red' } })).toBe('unknown_filter:filters.colour');
    expect(code({ q: 'a', filters: { priceMinFen: 'cheap' } })).toBe('invalid_filter:filters.priceMinFen');
    expect(code({ q: 'a', filters: { type: 'shop' } })).toBe('invalid_filter:filters.type');
    expect(code({ q: 'a', filters: { priceMinFen: 9, priceMaxFen: 1 } })).toBe('invalid_filter:filters.priceMinFen');
  });

  it('treats control characters and injection-laden text as plain words', () => {
    expect(ids(engine.search({ q: '苹果\u0000\u001b[31m' }))).toEqual(ids(engine.search({ q: '苹果 31m' })));
    const r = ok(engine.search({ q: "'; DROP TABLE products; -- 保温杯" }));
    expect(r.hits[0]!.id).toBe('p6');
    expect(ok(engine.search({ q: '%%%___***' })).total).toBe(0);
  });

  it('caps the words a query may use', () => {
    const r = ok(engine.search({ q: '苹果 手机 耳机 保温杯 西红柿 短袖 水果 支架 桌面 硅胶 沙瓤' }));
    expect(r.understood.terms.length).toBe(8);
    expect(r.understood.droppedTerms).toBe(3);
  });

  it('rejects malformed documents with a typed error', () => {
    const e = new SearchEngine();
    expect(e.upsert({ id: '', type: 'product', title: 'x' })).toMatchObject({ ok: false, code: 'invalid_doc', field: 'id' });
    expect(e.upsert({ id: 'a', type: 'thing', title: 'x' } as unknown as SearchDoc)).toMatchObject({ ok: false, field: 'type' });
    expect(e.upsert({ id: 'a', type: 'product', title: 'x', priceFen: NaN })).toMatchObject({ ok: false, field: 'priceFen' });
    expect(e.suggest(null)).toEqual([]);
  });
});
